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

module "archive" {
  source = "./modules/s3-private-bucket"

  bucket                   = "truss-archive-test"
  use_account_alias_prefix = false
  bucket_key_enabled       = true
  enable_bucket_inventory  = true

  abort_incomplete_multipart_upload_days = 7

  lifecycle_abort_incomplete_upload = {
    expiration = null
    transition = {
      days          = 30
      storage_class = "GLACIER"
    }
    nvt = null
    nve = {
      newer_noncurrent_versions = 3
      noncurrent_days           = 90
    }
  }

  additional_lifecycle_rules = [
    {
      id         = "tmp"
      status     = "Enabled"
      filter     = [{ prefix = "tmp/" }]
      expiration = [{ days = 1 }]
    },
    {
      id         = "reports"
      status     = "Disabled"
      filter     = [{ prefix = "reports/" }]
      expiration = [{ days = 365 }]
    }
  ]
}

output "archive_id" {
  value = module.archive.id
}
