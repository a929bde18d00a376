# AWS infrastructure of the demo shop. Deliberately unsafe for the demo: a public bucket, SSH open
# to the internet and an unencrypted order database.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

resource "aws_s3_bucket" "product_images" {
  bucket = "demo-shop-product-images"
}

resource "aws_s3_bucket_public_access_block" "product_images" {
  bucket                  = aws_s3_bucket.product_images.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_logging" "product_images" {
  bucket        = aws_s3_bucket.product_images.id
  target_bucket = "demo-shop-logs"
  target_prefix = "product-images/"
}

resource "aws_security_group" "web" {
  name        = "demo-shop-web"
  description = "Storefront"

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "SSH for debugging"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "orders" {
  identifier          = "demo-shop-orders"
  engine              = "postgres"
  engine_version      = "16.3"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  username            = "shop"
  password            = var.db_password
  publicly_accessible = false
}

variable "db_password" {
  type      = string
  sensitive = true
}
