// builtin:terraform (terraform-aws, -gcp, -azure), policy by policy: passing and failing
// configurations, through the real HCL parser, the policy engine and the finding's line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadBuiltinSet } from '../policy/index.ts';
import { builtinOutcomes, outcomesOf } from './testing.ts';

/** [main.tf, what the policy reports: `verdict line: message`, none when it passes]. */
type Case = [string, string[]];

const AWS: Record<string, Case[]> = {
  'terraform-aws-s3-public-acl': [
    ['resource "aws_s3_bucket" "a" {\n  bucket = "a"\n  acl    = "private"\n}\n', []],
    ['resource "aws_s3_bucket_acl" "a" {\n  acl = var.acl\n}\n', []],
    [
      'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n  acl    = "public-read"\n}\n',
      ['deny 3: the bucket ACL is public-read'],
    ],
    [
      `resource "aws_s3_bucket_acl" "a" {
  bucket = aws_s3_bucket.a.id
  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ"
    }
    owner { id = "x" }
  }
}
`,
      ['deny 3: the bucket ACL grants access to AllUsers'],
    ],
  ],
  'terraform-aws-s3-public-access-block': [
    [
      'resource "aws_s3_bucket_public_access_block" "a" {\n  bucket                  = "a"\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n',
      [],
    ],
    [
      'resource "aws_s3_account_public_access_block" "a" {\n  block_public_acls   = true\n  block_public_policy = false\n}\n',
      [
        'deny 3: public access block settings off or missing: block_public_policy, ignore_public_acls, restrict_public_buckets',
      ],
    ],
  ],
  'terraform-aws-s3-public-policy': [
    [
      `resource "aws_s3_bucket_policy" "p" {
  bucket = "a"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::a/*",
                   Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1" } } }]
  })
}
`,
      [],
    ],
    [
      `resource "aws_s3_bucket_policy" "p" {
  bucket = "a"
  policy = <<EOF
{"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::a/*"}}
EOF
}
`,
      ['deny 3: the policy allows Principal * without a condition'],
    ],
    [
      `data "aws_iam_policy_document" "d" {
  statement {
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    actions = ["s3:GetObject"]
  }
  statement {
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions = ["s3:GetObject"]
  }
}
`,
      ['deny 9: the policy allows Principal * without a condition'],
    ],
  ],
  'terraform-aws-iam-admin': [
    [
      'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }] })\n}\n',
      [],
    ],
    [
      'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }] })\n}\n',
      [],
    ],
    [
      'resource "aws_iam_policy" "p" {\n  name   = "admin"\n  policy = jsonencode({ Statement = { Effect = "Allow", Action = "*", Resource = "*" } })\n}\n',
      ['deny 3: the policy allows every action on every resource'],
    ],
    [
      `resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = "{}"
  inline_policy {
    name   = "all"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["*"], Resource = ["*"] }] })
  }
}
`,
      ['deny 4: the policy allows every action on every resource'],
    ],
    [
      'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["*"]\n    resources = ["*"]\n  }\n}\n',
      ['deny 2: the policy allows every action on every resource'],
    ],
  ],
  'terraform-aws-iam-service-wildcard': [
    [
      'resource "aws_iam_role_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::logs/*" }] })\n}\n',
      [],
    ],
    [
      'resource "aws_iam_user_policy" "p" {\n  user   = "ci"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:*", "kms:*"], Resource = "*" }] })\n}\n',
      ['warn 3: every action of a service on Resource "*": s3:*, kms:*'],
    ],
  ],
  'terraform-aws-open-admin-ports': [
    [
      `resource "aws_security_group" "web" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  ingress {
    from_port   = var.port
    to_port     = var.port
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`,
      [],
    ],
    [
      `resource "aws_security_group" "bastion" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port        = 3000
    to_port          = 6000
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}
`,
      [
        'deny 8: open to the internet (0.0.0.0/0 or ::/0) on 3306 (MySQL), 3389 (RDP), 5432 (PostgreSQL), 5900 (VNC), 5985 (WinRM), 5986 (WinRM)',
      ],
    ],
    [
      'resource "aws_security_group_rule" "all" {\n  type        = "ingress"\n  from_port   = 0\n  to_port     = 0\n  protocol    = "-1"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n',
      ['deny 6: open to the internet (0.0.0.0/0 or ::/0) on all ports'],
    ],
    [
      'resource "aws_security_group_rule" "out" {\n  type        = "egress"\n  from_port   = 0\n  to_port     = 0\n  protocol    = "-1"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n',
      [],
    ],
    [
      'resource "aws_vpc_security_group_ingress_rule" "ssh" {\n  security_group_id = "sg-1"\n  cidr_ipv4         = "0.0.0.0/0"\n  from_port         = "22"\n  to_port           = "22"\n  ip_protocol       = "tcp"\n}\n',
      ['deny 3: open to the internet (0.0.0.0/0 or ::/0) on 22 (SSH)'],
    ],
  ],
  'terraform-aws-ebs-encryption': [
    ['resource "aws_ebs_volume" "v" {\n  size      = 10\n  encrypted = true\n}\n', []],
    ['resource "aws_ebs_volume" "v" {\n  snapshot_id = "snap-1"\n}\n', []],
    ['resource "aws_instance" "i" {\n  ami = "ami-1"\n}\n', []],
    ['resource "aws_ebs_volume" "v" {\n  size = 10\n}\n', ['warn 1: the volume is not encrypted']],
    [
      'resource "aws_instance" "i" {\n  ami = "ami-1"\n  root_block_device {\n    encrypted = true\n  }\n  ebs_block_device {\n    device_name = "/dev/sdf"\n  }\n}\n',
      ['warn 6: block devices not encrypted: ebs_block_device'],
    ],
    [
      'resource "aws_launch_template" "t" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n    ebs {\n      encrypted = false\n    }\n  }\n}\n',
      ['warn 2: block devices not encrypted: block_device_mappings'],
    ],
  ],
  'terraform-aws-storage-encryption': [
    [
      'resource "aws_db_instance" "d" {\n  engine            = "postgres"\n  storage_encrypted = true\n}\n',
      [],
    ],
    ['resource "aws_db_instance" "r" {\n  replicate_source_db = aws_db_instance.d.identifier\n}\n', []],
    ['resource "aws_rds_cluster" "s" {\n  engine_mode = "serverless"\n}\n', []],
    ['resource "aws_db_instance" "restored" {\n  snapshot_identifier = "orders-2025-01-01"\n}\n', []],
    [
      'resource "aws_rds_cluster" "c" {\n  engine = "aurora-postgresql"\n}\n',
      ['warn 1: storage_encrypted is not set: storage is not encrypted at rest'],
    ],
    [
      'resource "aws_efs_file_system" "f" {\n  creation_token = "f"\n  encrypted      = false\n}\n',
      ['warn 3: encrypted is false: storage is not encrypted at rest'],
    ],
    [
      'resource "aws_elasticache_replication_group" "g" {\n  description = "cache"\n}\n',
      ['warn 1: at_rest_encryption_enabled is not set: storage is not encrypted at rest'],
    ],
  ],
  'terraform-aws-database-public': [
    ['resource "aws_db_instance" "d" {\n  publicly_accessible = false\n}\n', []],
    [
      'resource "aws_db_instance" "d" {\n  engine              = "mysql"\n  publicly_accessible = true\n}\n',
      ['deny 3: the database is publicly accessible (publicly_accessible = true)'],
    ],
  ],
  'terraform-aws-ec2-imdsv2': [
    ['resource "aws_instance" "i" {\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n', []],
    [
      'resource "aws_launch_template" "t" {\n  metadata_options {\n    http_endpoint = "disabled"\n  }\n}\n',
      [],
    ],
    [
      'resource "aws_instance" "i" {\n  ami = "ami-1"\n}\n',
      ['warn 1: the instance metadata service accepts IMDSv1 requests (http_tokens is not required)'],
    ],
    [
      'resource "aws_launch_template" "t" {\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "optional"\n  }\n}\n',
      ['warn 4: the instance metadata service accepts IMDSv1 requests (http_tokens is not required)'],
    ],
  ],
  'terraform-aws-cloudtrail-disabled': [
    ['resource "aws_cloudtrail" "t" {\n  name = "t"\n}\n', []],
    [
      'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  enable_logging = false\n}\n',
      ['deny 3: CloudTrail logging is switched off (enable_logging = false)'],
    ],
  ],
  'terraform-aws-cloudtrail-log-validation': [
    ['resource "aws_cloudtrail" "t" {\n  enable_log_file_validation = true\n}\n', []],
    [
      'resource "aws_cloudtrail" "t" {\n  name = "t"\n}\n',
      ['warn 1: CloudTrail log file validation is off (enable_log_file_validation is not true)'],
    ],
  ],
  'terraform-aws-s3-access-logging': [
    [
      `resource "aws_s3_bucket" "data" {
  bucket = "data"
}
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "data/"
}
`,
      [],
    ],
    [
      'resource "aws_s3_bucket" "trail" {\n  bucket = "trail"\n}\nresource "aws_cloudtrail" "t" {\n  s3_bucket_name = aws_s3_bucket.trail.id\n}\n',
      [],
    ],
    [
      'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n',
      ['warn 1: the bucket has no server access logging'],
    ],
  ],
};

const GCP: Record<string, Case[]> = {
  'terraform-gcp-storage-public': [
    [
      'resource "google_storage_bucket_iam_member" "m" {\n  bucket = "b"\n  role   = "roles/storage.objectViewer"\n  member = "group:eng@example.com"\n}\n',
      [],
    ],
    [
      'resource "google_storage_bucket_iam_member" "m" {\n  bucket = "b"\n  role   = "roles/storage.objectViewer"\n  member = "allUsers"\n}\n',
      ['deny 4: the bucket is open to allUsers'],
    ],
    [
      'resource "google_storage_bucket_acl" "a" {\n  bucket      = "b"\n  role_entity = ["OWNER:user-ops@example.com", "READER:allAuthenticatedUsers"]\n}\n',
      ['deny 3: the bucket is open to allAuthenticatedUsers'],
    ],
    [
      `resource "google_storage_bucket_iam_policy" "p" {
  bucket      = "b"
  policy_data = jsonencode({ bindings = [{ role = "roles/storage.objectViewer", members = ["allUsers"] }] })
}
`,
      ['deny 3: the bucket is open to allUsers'],
    ],
  ],
  'terraform-gcp-storage-uniform-access': [
    [
      'resource "google_storage_bucket" "b" {\n  name                        = "b"\n  uniform_bucket_level_access = true\n}\n',
      [],
    ],
    [
      'resource "google_storage_bucket" "b" {\n  name     = "b"\n  location = "EU"\n}\n',
      ['warn 1: uniform bucket-level access is off: objects carry their own ACLs'],
    ],
  ],
  'terraform-gcp-storage-logging': [
    [
      `resource "google_storage_bucket" "data" {
  name = "data"
  logging {
    log_bucket = google_storage_bucket.logs.name
  }
}
resource "google_storage_bucket" "logs" {
  name = "logs"
}
`,
      [],
    ],
    [
      'resource "google_storage_bucket" "b" {\n  name = "b"\n}\n',
      ['warn 1: the bucket has no usage logging'],
    ],
  ],
  'terraform-gcp-firewall-open-admin-ports': [
    [
      'resource "google_compute_firewall" "web" {\n  allow {\n    protocol = "tcp"\n    ports    = ["80", "443"]\n  }\n  source_ranges = ["0.0.0.0/0"]\n}\n',
      [],
    ],
    [
      'resource "google_compute_firewall" "iap" {\n  allow {\n    protocol = "tcp"\n    ports    = ["22"]\n  }\n  source_ranges = ["35.235.240.0/20"]\n}\n',
      [],
    ],
    [
      'resource "google_compute_firewall" "off" {\n  disabled = true\n  allow {\n    protocol = "all"\n  }\n  source_ranges = ["0.0.0.0/0"]\n}\n',
      [],
    ],
    [
      'resource "google_compute_firewall" "f" {\n  allow {\n    protocol = "tcp"\n    ports    = ["20-25", "8080"]\n  }\n  allow {\n    protocol = "udp"\n  }\n  source_ranges = ["10.0.0.0/8", "0.0.0.0/0"]\n}\n',
      ['deny 9: open to the internet (0.0.0.0/0 or ::/0) on 22 (SSH), 23 (Telnet)'],
    ],
    [
      'resource "google_compute_firewall" "f" {\n  allow {\n    protocol = "tcp"\n  }\n  source_ranges = ["::/0"]\n}\n',
      ['deny 5: open to the internet (0.0.0.0/0 or ::/0) on all ports'],
    ],
  ],
  'terraform-gcp-sql-public': [
    [
      'resource "google_sql_database_instance" "d" {\n  settings {\n    ip_configuration {\n      ipv4_enabled = false\n    }\n  }\n}\n',
      [],
    ],
    [
      `resource "google_sql_database_instance" "d" {
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      authorized_networks {
        name  = "office"
        value = "203.0.113.0/24"
      }
      authorized_networks {
        name  = "all"
        value = "0.0.0.0/0"
      }
    }
  }
}
`,
      ['deny 9: the instance accepts connections from any address (authorized network 0.0.0.0/0)'],
    ],
  ],
};

const AZURE: Record<string, Case[]> = {
  'terraform-azure-storage-public-access': [
    ['resource "azurerm_storage_account" "a" {\n  allow_nested_items_to_be_public = false\n}\n', []],
    ['resource "azurerm_storage_container" "c" {\n  container_access_type = "private"\n}\n', []],
    [
      'resource "azurerm_storage_account" "a" {\n  name                     = "a"\n  allow_blob_public_access = true\n}\n',
      ['deny 3: the account allows public containers (allow_blob_public_access = true)'],
    ],
    [
      'resource "azurerm_storage_container" "c" {\n  name                  = "site"\n  container_access_type = "blob"\n}\n',
      ['deny 3: the container is public (container_access_type = blob)'],
    ],
  ],
  'terraform-azure-storage-https-only': [
    ['resource "azurerm_storage_account" "a" {\n  name = "a"\n}\n', []],
    [
      'resource "azurerm_storage_account" "a" {\n  name                      = "a"\n  enable_https_traffic_only = false\n}\n',
      ['deny 3: the storage account accepts plain HTTP'],
    ],
  ],
  'terraform-azure-storage-min-tls': [
    ['resource "azurerm_storage_account" "a" {\n  min_tls_version = "TLS1_2"\n}\n', []],
    [
      'resource "azurerm_storage_account" "a" {\n  name            = "a"\n  min_tls_version = "TLS1_1"\n}\n',
      ['deny 3: the storage account accepts TLS1_1 (min_tls_version)'],
    ],
  ],
  'terraform-azure-nsg-open-admin-ports': [
    [
      'resource "azurerm_network_security_rule" "https" {\n  direction                  = "Inbound"\n  access                     = "Allow"\n  protocol                   = "Tcp"\n  source_address_prefix      = "Internet"\n  destination_port_range     = "443"\n}\n',
      [],
    ],
    [
      'resource "azurerm_network_security_rule" "ssh" {\n  direction                  = "Inbound"\n  access                     = "Deny"\n  protocol                   = "Tcp"\n  source_address_prefix      = "*"\n  destination_port_range     = "22"\n}\n',
      [],
    ],
    [
      `resource "azurerm_network_security_group" "g" {
  name = "g"
  security_rule {
    name                       = "web"
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_address_prefix      = "*"
    destination_port_range     = "443"
  }
  security_rule {
    name                       = "admin"
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "*"
    source_address_prefixes    = ["10.0.0.0/8", "0.0.0.0/0"]
    destination_port_ranges    = ["22", "3380-3390"]
  }
}
`,
      ['deny 11: open to the internet on 22 (SSH), 3389 (RDP)'],
    ],
    [
      'resource "azurerm_network_security_rule" "any" {\n  direction               = "Inbound"\n  access                  = "Allow"\n  protocol                = "*"\n  source_address_prefix   = "Any"\n  destination_port_range  = "*"\n}\n',
      ['deny 5: open to the internet on all ports'],
    ],
  ],
  'terraform-azure-database-open-firewall': [
    [
      'resource "azurerm_mssql_firewall_rule" "azure" {\n  start_ip_address = "0.0.0.0"\n  end_ip_address   = "0.0.0.0"\n}\n',
      [],
    ],
    [
      'resource "azurerm_postgresql_flexible_server_firewall_rule" "all" {\n  name             = "all"\n  start_ip_address = "0.0.0.0"\n  end_ip_address   = "255.255.255.255"\n}\n',
      ['deny 3: the firewall rule admits every IPv4 address (0.0.0.0 to 255.255.255.255)'],
    ],
  ],
};

const SETS: [string, Record<string, Case[]>][] = [
  ['terraform-aws', AWS],
  ['terraform-gcp', GCP],
  ['terraform-azure', AZURE],
];

for (const [set, table] of SETS) {
  describe(`builtin:${set}`, () => {
    for (const [policy, cases] of Object.entries(table)) {
      it(`${policy}: passing and failing configurations`, async () => {
        for (const [text, expected] of cases) {
          const outcomes = await builtinOutcomes(set, { 'main.tf': text });
          assert.deepEqual(outcomesOf(policy, outcomes), expected, text);
        }
      });
    }

    it('has a passing and a failing case for every policy of the set', () => {
      const names = loadBuiltinSet(set).policies.map((p) => p.name);
      assert.deepEqual(Object.keys(table).sort(), [...names].sort());
      for (const [policy, cases] of Object.entries(table)) {
        assert.ok(cases.some(([, e]) => e.length === 0) && cases.some(([, e]) => e.length > 0), policy);
      }
    });
  });
}

describe('builtin:terraform', () => {
  it('is the AWS, GCP and Azure sets together', () => {
    const names = (set: string) => loadBuiltinSet(set).policies.map((p) => p.name);
    assert.deepEqual(names('terraform'), [
      ...names('terraform-aws'),
      ...names('terraform-gcp'),
      ...names('terraform-azure'),
    ]);
  });

  it('looks across the files of one module, not across modules', async () => {
    const outcomes = await builtinOutcomes('terraform-aws', {
      'infra/buckets.tf': 'resource "aws_s3_bucket" "data" {\n  bucket = "data"\n}\n',
      'infra/logging.tf':
        'resource "aws_s3_bucket_logging" "data" {\n  bucket        = aws_s3_bucket.data.id\n  target_bucket = "logs"\n}\n',
      'other/buckets.tf': 'resource "aws_s3_bucket" "data" {\n  bucket = "data-2"\n}\n',
    });
    assert.deepEqual(
      outcomes
        .filter((o) => o.policy === 'terraform-aws-s3-access-logging')
        .map((o) => `${o.path}:${o.line}`),
      ['other/buckets.tf:1'],
    );
  });
});
