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

locals {
  source_bucket_name      = "cds-terraform-modules-s3-repl-src-brave-otter"
  destination_bucket_name = "cds-terraform-modules-s3-repl-dest-brave-otter"
}

module "source_bucket" {
  source            = "./modules/cds/S3"
  billing_tag_value = "terratest"
  bucket_name       = local.source_bucket_name

  versioning = {
    enabled = true
  }

  logging = {
    target_bucket = module.destination_bucket.s3_bucket_id
    target_prefix = "logs/source/"
  }

  replication_configuration = {
    role = aws_iam_role.replication.arn

    rules = [
      {
        id       = "replicate-all-the-things"
        priority = 20
        destination = {
          bucket        = module.destination_bucket.s3_bucket_arn
          storage_class = "STANDARD_IA"
        }
      }
    ]
  }
}

module "destination_bucket" {
  source             = "./modules/cds/S3"
  billing_tag_value  = "terratest"
  bucket_name        = local.destination_bucket_name
  critical_tag_value = true

  versioning = {
    enabled = true
  }

  lifecycle_rule = jsonencode([
    {
      id      = "expire-logs"
      enabled = true
      prefix  = "logs/"
      expiration = {
        days = 90
      }
      noncurrent_version_expiration = {
        days = 30
      }
    }
  ])
}

resource "aws_iam_role" "replication" {
  name               = "s3-bucket-replication-brave-otter"
  assume_role_policy = data.aws_iam_policy_document.s3_assume.json
}

resource "aws_iam_policy" "replication" {
  name   = "s3-bucket-replication-brave-otter"
  policy = data.aws_iam_policy_document.replication.json
}

data "aws_iam_policy_document" "s3_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    effect  = "Allow"

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "replication" {
  statement {
    effect    = "Allow"
    actions   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
    resources = [module.source_bucket.s3_bucket_arn]
  }
  statement {
    effect    = "Allow"
    actions   = ["s3:ReplicateObject", "s3:ReplicateDelete"]
    resources = ["${module.destination_bucket.s3_bucket_arn}/*"]
  }
}

output "source_bucket_id" {
  value = module.source_bucket.s3_bucket_id
}

output "destination_bucket_arn" {
  value = module.destination_bucket.s3_bucket_arn
}
