terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-2"
}

module "s3_log_storage" {
  source = "./modules/s3-log-storage"

  namespace = "eg"
  stage     = "test"
  name      = "s3-log-storage"

  force_destroy           = true
  allow_ssl_requests_only = true
  lifecycle_rule_enabled  = true

  lifecycle_configuration_rules = [
    {
      enabled = true
      id      = "v2rule"

      abort_incomplete_multipart_upload_days = 1

      filter_and = {
        prefix = "prefix/"
      }
      noncurrent_version_expiration = {
        newer_noncurrent_versions = 3
        noncurrent_days           = 90
      }
      noncurrent_version_transition = [{
        newer_noncurrent_versions = 3
        noncurrent_days           = 30
        storage_class             = "ONEZONE_IA"
      }]
    },
    {
      enabled = true
      id      = "cleanup-delete-markers"
      expiration = {
        expired_object_delete_marker = true
      }
      abort_incomplete_multipart_upload_days = 1
    }
  ]
}

output "bucket_id" {
  value = module.s3_log_storage.bucket_id
}

output "bucket_arn" {
  value = module.s3_log_storage.bucket_arn
}
