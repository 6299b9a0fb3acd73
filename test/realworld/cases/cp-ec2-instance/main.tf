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

module "ec2_instance" {
  source = "./modules/ec2-instance"

  namespace = "eg"
  stage     = "test"
  name      = "ec2-instance"

  ssh_key_pair                = "eg-test-ec2-instance"
  vpc_id                      = "vpc-0a1b2c3d4e5f60718"
  subnet                      = "subnet-0a1b2c3d4e5f60718"
  security_groups             = ["sg-0a1b2c3d4e5f60718"]
  assign_eip_address          = false
  associate_public_ip_address = true
  instance_type               = "t3.micro"
  instance_profile            = "eg-test-ec2-instance-profile"
  tenancy                     = "default"
  metric_treat_missing_data   = "notBreaching"
  security_group_rules = [
    {
      type        = "egress"
      from_port   = 0
      to_port     = 65535
      protocol    = "-1"
      cidr_blocks = ["0.0.0.0/0"]
    },
    {
      type        = "ingress"
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    },
    {
      type        = "ingress"
      from_port   = 53
      to_port     = 53
      protocol    = "udp"
      cidr_blocks = ["0.0.0.0/0"]
    },
  ]
}

output "id" {
  value = module.ec2_instance.id
}

output "private_ip" {
  value = module.ec2_instance.private_ip
}

output "security_group_id" {
  value = module.ec2_instance.security_group_id
}
