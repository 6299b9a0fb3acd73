terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.83"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  tags = {
    Team        = "platform"
    Environment = "prod"
  }
}

module "buckets" {
  source = "./modules/s3-bucket/wrappers"

  defaults = {
    force_destroy                         = true
    attach_deny_insecure_transport_policy = true
    attach_require_latest_tls_policy      = true
    tags                                  = local.tags
  }

  items = {
    logs = {
      bucket = "platform-prod-lb-logs"

      control_object_ownership = true
      object_ownership         = "BucketOwnerPreferred"

      attach_elb_log_delivery_policy = true
      attach_lb_log_delivery_policy  = true

      lifecycle_rule = [
        {
          id      = "expire-logs"
          enabled = true

          filter = {
            prefix = "AWSLogs/"
          }

          transition = [
            {
              days          = 30
              storage_class = "STANDARD_IA"
            }
          ]

          expiration = {
            days = 365
          }
        }
      ]
    }
    assets = {
      bucket = "platform-prod-assets"

      versioning = {
        enabled = true
      }

      server_side_encryption_configuration = {
        rule = {
          apply_server_side_encryption_by_default = {
            kms_master_key_id = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            sse_algorithm     = "aws:kms"
          }
          bucket_key_enabled = true
        }
      }

      cors_rule = [
        {
          allowed_methods = ["GET", "HEAD"]
          allowed_origins = ["https://www.example.com"]
          allowed_headers = ["*"]
          max_age_seconds = 3000
        }
      ]

      tags = {
        Team        = "platform"
        Environment = "prod"
        Data        = "assets"
      }
    }
  }
}

output "log_bucket_id" {
  value = module.buckets.wrapper["logs"].s3_bucket_id
}

output "bucket_arns" {
  value = { for k, b in module.buckets.wrapper : k => b.s3_bucket_arn }
}
