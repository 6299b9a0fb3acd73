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

data "aws_iam_policy_document" "sample" {
  statement {
    actions   = ["s3:ListBuckets"]
    resources = ["*"]
  }
}

module "iam_user1" {
  source = "./modules/iam/modules/iam-user"

  name = "user1"

  create_iam_user_login_profile = false
  create_iam_access_key         = false
}

module "iam_user2" {
  source = "./modules/iam/modules/iam-user"

  name = "user2"
  path = "/developers/"

  create_iam_user_login_profile = false
  create_iam_access_key         = false
}

module "iam_group_with_custom_policies" {
  source = "./modules/iam/modules/iam-group-with-policies"

  name = "custom"
  path = "/custom/"

  group_users = [
    module.iam_user1.iam_user_name,
    module.iam_user2.iam_user_name,
  ]

  custom_group_policy_arns = [
    "arn:aws:iam::aws:policy/AmazonCognitoReadOnly",
  ]

  custom_group_policies = [
    {
      name   = "AllowS3Listing"
      policy = data.aws_iam_policy_document.sample.json
    },
  ]
}
