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

module "iam_assumable_role_admin" {
  source = "./modules/iam/modules/iam-assumable-role-with-oidc"

  create_role = true

  role_name = "role-with-oidc"

  tags = {
    Role = "role-with-oidc"
  }

  provider_url = "oidc.circleci.com/org/example-org-uuid"

  oidc_fully_qualified_audiences = ["example-org-uuid"]

  role_policy_arns = [
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser",
  ]
}

module "iam_assumable_role_self_assume" {
  source = "./modules/iam/modules/iam-assumable-role-with-oidc"

  create_role            = true
  allow_self_assume_role = true

  role_name = "role-with-oidc-self-assume"

  provider_url                   = "oidc.eks.eu-west-1.amazonaws.com/id/BA9E170D464AF7B92084EF72A69B9DC8"
  oidc_fully_qualified_subjects  = ["system:serviceaccount:default:sa1"]
  oidc_fully_qualified_audiences = ["sts.amazonaws.com"]
}
