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

locals {
  user_data = <<-EOT
    #!/bin/bash
    echo "Hello Terraform!"
  EOT
}

resource "aws_kms_key" "this" {}

resource "aws_security_group" "this" {
  name = "ec2-example"
}

module "ec2_complete" {
  source = "./modules/ec2-instance"

  name = "ec2-complete"

  ami                    = "ami-0c55b159cbfafe1f0"
  instance_type          = "c5.xlarge"
  availability_zone      = "eu-west-1a"
  subnet_id              = "subnet-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.this.id]
  create_eip             = true
  disable_api_stop       = false

  create_iam_instance_profile = true
  iam_role_description        = "IAM role for EC2 instance"
  iam_role_policies = {
    AdministratorAccess = "arn:aws:iam::aws:policy/AdministratorAccess"
  }

  hibernation = true

  user_data_base64            = base64encode(local.user_data)
  user_data_replace_on_change = true

  cpu_options = {
    core_count       = 2
    threads_per_core = 1
  }
  enable_volume_tags = false
  root_block_device = [
    {
      encrypted   = true
      volume_type = "gp3"
      throughput  = 200
      volume_size = 50
      tags = {
        Name = "my-root-block"
      }
    },
  ]

  ebs_block_device = [
    {
      device_name = "/dev/sdf"
      volume_type = "gp3"
      volume_size = 5
      throughput  = 200
      encrypted   = true
      kms_key_id  = aws_kms_key.this.arn
      tags = {
        MountPoint = "/mnt/data"
      }
    }
  ]

  tags = {
    Example = "ec2-complete"
  }
}

module "ec2_minimal" {
  source = "./modules/ec2-instance"

  name          = "ec2-minimal"
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.micro"
}

output "ec2_complete_id" {
  value = module.ec2_complete.id
}
