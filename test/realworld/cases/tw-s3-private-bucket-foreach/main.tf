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

variable "buckets" {
  type = map(object({
    versioning = string
    analytics  = bool
  }))
  default = {
    "uploads" = { versioning = "Enabled", analytics = false }
    "reports" = { versioning = "Suspended", analytics = true }
  }
}

variable "create_audit" {
  type    = bool
  default = false
}

module "bucket" {
  source   = "./modules/s3-private-bucket"
  for_each = var.buckets

  bucket                   = "truss-${each.key}-test"
  use_account_alias_prefix = false
  versioning_status        = each.value.versioning
  enable_analytics         = each.value.analytics
}

module "audit" {
  source = "./modules/s3-private-bucket"
  count  = var.create_audit ? 1 : 0

  bucket                   = "truss-audit-test"
  use_account_alias_prefix = false
  enable_bucket_inventory  = true
}

output "uploads_arn" {
  value = module.bucket["uploads"].arn
}

output "audit_id" {
  value = var.create_audit ? module.audit[0].id : null
}
