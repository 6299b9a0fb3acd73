terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "ca-central-1"
}

module "athena" {
  source = "./modules/cds/athena_access_logs"

  athena_bucket_name = module.athena_bucket.s3_bucket_id

  lb_access_queries_create  = true
  lb_access_log_bucket_name = module.access_logs.s3_bucket_id

  waf_access_queries_create  = true
  waf_access_log_bucket_name = module.access_logs.s3_bucket_id

  billing_tag_value = "Terratest"
}

module "access_logs" {
  source            = "./modules/cds/S3"
  bucket_name       = "terraform-modules-simple-access-logs-quiet-fox"
  force_destroy     = true
  billing_tag_value = "Terratest"
}

module "athena_bucket" {
  source            = "./modules/cds/S3"
  bucket_name       = "terraform-modules-simple-athena-bucket-quiet-fox"
  force_destroy     = true
  billing_tag_value = "Terratest"
}
