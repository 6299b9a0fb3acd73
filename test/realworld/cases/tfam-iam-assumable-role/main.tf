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
  source = "./modules/iam/modules/iam-assumable-role"

  allow_self_assume_role = true

  trusted_role_arns = [
    "arn:aws:iam::307990089504:root",
    "arn:aws:iam::835367859851:user/anton",
  ]

  trusted_role_services = [
    "codedeploy.amazonaws.com"
  ]

  create_role             = true
  create_instance_profile = true

  role_name         = "admin"
  role_requires_mfa = true

  attach_admin_policy = true

  tags = {
    Role = "Admin"
  }
}

module "iam_assumable_role_custom" {
  source = "./modules/iam/modules/iam-assumable-role"

  create_role = true

  trusted_role_arns = [
    "arn:aws:iam::307990089504:root",
  ]

  trust_policy_conditions = [
    {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-someorgid"]
    }
  ]

  role_name_prefix  = "custom-"
  role_requires_mfa = false

  role_sts_externalid = "some-id-goes-here"

  custom_role_policy_arns = [
    "arn:aws:iam::aws:policy/AmazonCognitoReadOnly",
    module.iam_policy.arn
  ]
  number_of_custom_role_policy_arns = 2
}

module "iam_policy" {
  source = "./modules/iam/modules/iam-policy"

  name_prefix = "example-"
  path        = "/"
  description = "My example policy"

  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Action": ["ec2:Describe*"],
          "Effect": "Allow",
          "Resource": "*"
        }
      ]
    }
  POLICY
}
