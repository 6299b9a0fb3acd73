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

module "cloudtrail_s3_bucket" {
  source = "./modules/cloudtrail-s3-bucket"

  namespace = "eg"
  stage     = "test"
  name      = "cloudtrail-s3-bucket"

  force_destroy            = true
  create_access_log_bucket = true
}

output "bucket_id" {
  value = module.cloudtrail_s3_bucket.bucket_id
}

output "bucket_arn" {
  value = module.cloudtrail_s3_bucket.bucket_arn
}
