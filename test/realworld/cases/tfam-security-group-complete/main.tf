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

resource "aws_vpc" "this" {
  cidr_block = "10.20.0.0/20"
}

module "main_sg" {
  source = "./modules/security-group"

  name        = "main-sg"
  description = "Security group which is used as an argument in complete-sg"
  vpc_id      = aws_vpc.this.id

  ingress_cidr_blocks = ["10.10.0.0/16"]
  ingress_rules       = ["https-443-tcp"]
}

module "complete_sg" {
  source = "./modules/security-group"

  name        = "complete-sg"
  description = "Security group with many arguments set"
  vpc_id      = aws_vpc.this.id

  tags = {
    Cash = "king"
  }

  ingress_cidr_blocks      = ["10.10.0.0/16"]
  ingress_ipv6_cidr_blocks = ["2001:db8::/64"]
  ingress_rules            = ["https-443-tcp"]

  computed_ingress_rules           = ["ssh-tcp"]
  number_of_computed_ingress_rules = 1

  ingress_with_cidr_blocks = [
    {
      rule        = "postgresql-tcp"
      cidr_blocks = "0.0.0.0/0,2.2.2.2/32"
    },
    {
      from_port   = 10
      to_port     = 20
      protocol    = 6
      description = "Service name"
      cidr_blocks = "10.10.0.0/20"
    },
  ]

  computed_ingress_with_cidr_blocks = [
    {
      from_port   = 15
      to_port     = 25
      protocol    = 6
      description = "Service name with vpc cidr"
      cidr_blocks = aws_vpc.this.cidr_block
    },
  ]
  number_of_computed_ingress_with_cidr_blocks = 1

  ingress_with_source_security_group_id = [
    {
      rule                     = "mysql-tcp"
      source_security_group_id = module.main_sg.security_group_id
    },
  ]

  egress_rules = ["all-all"]
}

output "complete_sg_id" {
  value = module.complete_sg.security_group_id
}
