terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.89"
    }
  }
}

provider "aws" {
  region = "us-west-2"
}

module "s3_private_bucket" {
  source = "./modules/s3-private-bucket"

  bucket                   = "truss-private-bucket-test"
  use_account_alias_prefix = false
  logging_bucket           = "truss-private-bucket-test-logs"
  enable_analytics         = true
  versioning_status        = "Enabled"

  cors_rules = [
    {
      allowed_methods = ["GET", "HEAD"]
      allowed_origins = ["https://example.com"]
      allowed_headers = ["*"]
      expose_headers  = ["ETag"]
      max_age_seconds = 3000
    },
    {
      allowed_methods = ["PUT"]
      allowed_origins = ["https://upload.example.com"]
      allowed_headers = ["*"]
      expose_headers  = []
      max_age_seconds = 600
    }
  ]

  tags = {
    Automation = "Terraform"
  }

  depends_on = [
    module.s3_logs
  ]
}

module "s3_logs" {
  source = "./modules/logs"

  s3_bucket_name = "truss-private-bucket-test-logs"

  default_allow = false
  allow_s3      = true

  s3_logs_prefix = "s3/truss-private-bucket-test"
  force_destroy  = true
}

output "bucket_arn" {
  value = module.s3_private_bucket.arn
}

output "logs_bucket" {
  value = module.s3_logs.aws_logs_bucket
}
