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

resource "aws_s3_bucket" "data" {
  bucket        = "eg-test-iam-role-test-data"
  force_destroy = true
}

data "aws_iam_policy_document" "resource_full_access" {
  statement {
    sid       = "FullAccess"
    effect    = "Allow"
    resources = ["${aws_s3_bucket.data.arn}/*"]

    actions = [
      "s3:PutObject",
      "s3:PutObjectAcl",
      "s3:GetObject",
      "s3:DeleteObject",
      "s3:ListBucket",
      "s3:ListBucketMultipartUploads",
      "s3:GetBucketLocation",
      "s3:AbortMultipartUpload"
    ]
  }
}

data "aws_iam_policy_document" "base" {
  statement {
    sid    = "BaseAccess"
    effect = "Allow"

    actions = [
      "s3:ListBucket",
      "s3:ListBucketVersions"
    ]

    resources = [aws_s3_bucket.data.arn]
  }
}

resource "aws_iam_policy" "base_as_managed" {
  name   = "eg-test-iam-role-test"
  policy = data.aws_iam_policy_document.base.json
}

module "role" {
  source = "./modules/iam-role"

  namespace = "eg"
  stage     = "test"
  name      = "iam-role-test"

  principals = {
    "AWS" : ["arn:aws:iam::111122223333:root"]
  }
  use_fullname = true

  policy_documents = [
    data.aws_iam_policy_document.resource_full_access.json,
    data.aws_iam_policy_document.base.json,
  ]

  managed_policy_arns_map = {
    "base" = aws_iam_policy.base_as_managed.arn
  }

  policy_document_count = 2
  policy_description    = "Test IAM policy"
  role_description      = "Test IAM role"
  inline_policy_enabled = true
}

output "role_name" {
  value = module.role.name
}

output "role_arn" {
  value = module.role.arn
}

output "role_policy" {
  value = module.role.policy
}
