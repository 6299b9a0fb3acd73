provider "aws" {
  region = "us-east-1"
}

module "example-app-bucket" {
  source = "./modules/s3-bucket"

  bucket_prefix = "app"

  access_points = [{ name = "app" }]

  versioning = true

  logging = {
    target_bucket = module.example-log-bucket.id
    target_prefix = "log/app/"
  }

  tags = {
    Name = "SPA S3 Bucket"
  }
}

module "example-log-bucket" {
  source = "./modules/s3-bucket"

  bucket_prefix = "log"

  acl = "log-delivery-write"

  elb_regions = ["us-east-1", "eu-west-1"]

  lifecycle_rules = [
    {
      id      = "log"
      enabled = true

      prefix = "log/"

      tags = {
        "rule"      = "log"
        "autoclean" = "true"
      }

      transition = [
        {
          days          = 30
          storage_class = "STANDARD_IA"
        },
        {
          days          = 60
          storage_class = "GLACIER"
        }
      ]

      expiration = {
        days = 90
      }
    }
  ]
}

output "app_bucket_id" {
  value = module.example-app-bucket.id
}

output "log_bucket_arn" {
  value = module.example-log-bucket.arn
}
