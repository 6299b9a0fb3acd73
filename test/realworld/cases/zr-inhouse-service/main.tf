terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

resource "aws_vpc" "main" {
  cidr_block = "10.30.0.0/16"
}

module "app_sg" {
  source = "./modules/zr/modules/aws/security_group"

  name        = "orders-app"
  description = "Orders application"
  vpc_id      = aws_vpc.main.id
  tags = {
    environment = "prod"
    service     = "orders"
  }
}

resource "aws_security_group_rule" "https_in" {
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
  security_group_id = module.app_sg.id
}

module "orders_key" {
  source = "./modules/zr/modules/aws/kms"

  name_prefix = "orders-"
  description = "Orders data key"
}

module "orders_bucket" {
  source = "./modules/zr/modules/aws/s3/bucket"

  bucket                     = "orders-archive-prod"
  enable_kms_key             = true
  key_description            = "Orders archive key"
  versioning_status          = "Enabled"
  enable_intelligent_tiering = true
  intelligent_tiering_name   = "archive-all"
  intelligent_tiering_filter = {
    prefix = "archive/"
  }

  lifecycle_rules = [
    {
      id     = "expire-tmp"
      status = "Enabled"
      filter = {
        prefix = "tmp/"
      }
      expiration = {
        days = 7
      }
      abort_incomplete_multipart_upload = {
        days_after_initiation = 1
      }
    },
    {
      id     = "glacier-old"
      status = "Enabled"
      filter = {
        object_size_greater_than = 131072
      }
      transition = [
        {
          days          = 90
          storage_class = "GLACIER"
        }
      ]
    }
  ]

  tags = {
    environment = "prod"
    service     = "orders"
  }
}

resource "aws_s3_bucket_policy" "orders_bucket_tls" {
  bucket = module.orders_bucket.s3_bucket_id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["${module.orders_bucket.s3_bucket_arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

output "sg_id" {
  value = module.app_sg.id
}

output "key_arn" {
  value = module.orders_key.arn
}

output "bucket_region" {
  value = module.orders_bucket.s3_bucket_region
}
