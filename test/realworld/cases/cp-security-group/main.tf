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

locals {
  rules = [
    {
      key         = null
      type        = "ingress"
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
      description = "SSH wide open"
    },
    {
      key         = "telnet all"
      type        = "ingress"
      from_port   = 23
      to_port     = 23
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
      description = "Telnet wide open"
    }
  ]
}

resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/24"
  assign_generated_ipv6_cidr_block = true
}

resource "aws_security_group" "target" {
  name_prefix = "eg-ue2-test-sg-existing-"
  vpc_id      = aws_vpc.main.id
}

module "simple_security_group" {
  source = "./modules/security-group"

  namespace   = "eg"
  environment = "ue2"
  stage       = "test"
  name        = "sg"
  attributes  = ["simple"]

  rules  = local.rules
  vpc_id = aws_vpc.main.id
}

module "new_security_group" {
  source = "./modules/security-group"

  namespace   = "eg"
  environment = "ue2"
  stage       = "test"
  name        = "sg"

  allow_all_egress     = true
  inline_rules_enabled = false

  rule_matrix = [{
    key                       = "stable"
    source_security_group_ids = [aws_security_group.target.id]
    cidr_blocks               = ["10.0.0.0/24"]
    ipv6_cidr_blocks          = [aws_vpc.main.ipv6_cidr_block]
    prefix_list_ids           = []
    self                      = null
    rules = [
      {
        key         = "ssh"
        type        = "ingress"
        from_port   = 22
        to_port     = 22
        protocol    = "tcp"
        description = "Allow SSH access"
      },
      {
        type        = "ingress"
        from_port   = 80
        to_port     = 80
        protocol    = "tcp"
        description = "Allow HTTP access"
      },
    ]
  }]

  rules = local.rules
  rules_map = merge({ new-cidr = [
    {
      key                      = "https-cidr"
      type                     = "ingress"
      from_port                = 443
      to_port                  = 443
      protocol                 = "tcp"
      cidr_blocks              = ["10.0.0.0/8"]
      ipv6_cidr_blocks         = [aws_vpc.main.ipv6_cidr_block]
      source_security_group_id = null
      description              = "Discrete HTTPS ingress by CIDR"
      self                     = false
    }] }, {
    new-sg = [{
      type                     = "ingress"
      from_port                = 443
      to_port                  = 443
      protocol                 = "tcp"
      source_security_group_id = aws_security_group.target.id
      description              = "Discrete HTTPS ingress for special SG"
      self                     = null
    }],
  })

  vpc_id = aws_vpc.main.id

  security_group_create_timeout = "5m"
  security_group_delete_timeout = "2m"

  security_group_name = [format("%s-%s", "eg-ue2-test-sg", "new-")]
}

module "target_security_group" {
  source = "./modules/security-group"

  namespace   = "eg"
  environment = "ue2"
  stage       = "test"
  name        = "sg"

  allow_all_egress         = true
  target_security_group_id = [aws_security_group.target.id]
  rules                    = local.rules

  security_group_name = [aws_security_group.target.name_prefix]
  vpc_id              = aws_vpc.main.id
}

output "new_sg_id" {
  value = module.new_security_group.id
}

output "new_sg_rules_terraform_ids" {
  value = module.new_security_group.rules_terraform_ids
}

output "target_sg_id" {
  value = module.target_security_group.id
}
