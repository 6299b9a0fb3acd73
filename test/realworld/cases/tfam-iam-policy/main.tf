terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

data "aws_iam_policy_document" "bucket_policy" {
  statement {
    sid       = "AllowFullS3Access"
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}

module "iam_policy_from_data_source" {
  source = "./modules/iam/modules/iam-policy"

  name        = "example_from_data_source"
  path        = "/"
  description = "My example policy"

  policy = data.aws_iam_policy_document.bucket_policy.json

  tags = {
    PolicyDescription = "Policy created using example from data source"
  }
}

module "iam_policy_optional" {
  source = "./modules/iam/modules/iam-policy"

  create_policy = false
}

output "policy_arn" {
  value = module.iam_policy_from_data_source.arn
}

output "optional_arn" {
  value = module.iam_policy_optional.arn
}
