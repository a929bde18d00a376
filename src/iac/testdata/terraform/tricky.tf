# Syntax that a naive line scanner gets wrong: braces in strings, templates, heredocs, comments.
resource "aws_security_group" "dynamic" {
  name = "sg-${join("-", [for s in var.names : "${s}}"])}" # a } in a comment
  // resource "aws_s3_bucket" "in_a_comment" {
  description = <<EOT
resource "aws_s3_bucket" "in_a_heredoc" {
  }
EOT

  dynamic "ingress" {
    for_each = var.open_ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  provisioner "local-exec" {
    command = "echo ${self.id} > id.txt"
  }
  provisioner "local-exec" {
    command = "echo second"
  }
  tags = { Name = "x", Team = "y" }
}

resource "aws_s3_bucket_acl" "public" { acl = "public-read-write" }
# ^ a block on one line

resource "aws_instance" "web" {
  ami           = data.aws_ami.ubuntu.id
  instance_type = var.large ? "m5.xlarge" : "t3.micro"
  user_data     = templatefile("${path.module}/init.sh", {
    token = var.token
  })

  root_block_device {
    encrypted = false
  }

  metadata_options {
    http_tokens = "optional"
  }
}
