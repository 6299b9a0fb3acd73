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

module "iam_github_oidc_provider" {
  source = "./modules/iam/modules/iam-github-oidc-provider"

  tags = {
    Environment = "test"
  }
}

module "iam_github_oidc_role" {
  source = "./modules/iam/modules/iam-github-oidc-role"

  name = "github-deploy"

  subjects = [
    "terraform-aws-modules/terraform-aws-iam:pull_request",
    "terraform-aws-modules/terraform-aws-iam:ref:refs/heads/master",
  ]

  provider_url = module.iam_github_oidc_provider.url

  policies = {
    S3ReadOnly = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  }
}
