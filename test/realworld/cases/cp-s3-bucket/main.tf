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

module "s3_bucket" {
  source = "./modules/s3-bucket"

  namespace = "eg"
  stage     = "test"
  name      = "s3-test"

  acl                          = "private"
  force_destroy                = true
  user_enabled                 = true
  versioning_enabled           = false
  allow_encrypted_uploads_only = true
  bucket_key_enabled           = true
  minimum_tls_version          = "1.2"

  allowed_bucket_actions = [
    "s3:PutObject",
    "s3:PutObjectAcl",
    "s3:GetObject",
    "s3:DeleteObject",
    "s3:ListBucket",
    "s3:ListBucketMultipartUploads",
    "s3:GetBucketLocation",
    "s3:AbortMultipartUpload"
  ]

  lifecycle_configuration_rules = [
    {
      abort_incomplete_multipart_upload_days = 1
      enabled                                = true
      expiration = {
        days                         = null
        expired_object_delete_marker = null
      }
      filter_and = {}
      id         = "nofilter"
      noncurrent_version_expiration = {
        newer_noncurrent_versions = 2
        noncurrent_days           = 30
      }
      noncurrent_version_transition = []
      transition = [
        {
          days          = 7
          storage_class = "GLACIER"
        },
      ]
    },
    {
      abort_incomplete_multipart_upload_days = null
      enabled                                = true
      expiration = {
        days                         = 1461
        expired_object_delete_marker = false
      }
      filter_and = {
        prefix                   = "prefix2"
        object_size_greater_than = 128 * 1024
      }
      id = "prefix2"
      noncurrent_version_expiration = {
        newer_noncurrent_versions = 2
        noncurrent_days           = 14
      }
      noncurrent_version_transition = []
      transition = [
        {
          days          = 366
          storage_class = "GLACIER"
        },
      ]
    }
  ]
}

output "bucket_arn" {
  value = module.s3_bucket.bucket_arn
}

output "user_name" {
  value = module.s3_bucket.user_name
}
