terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "us-west-2"
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "public" {
  for_each          = { a = "10.20.1.0/24", b = "10.20.2.0/24" }
  vpc_id            = aws_vpc.main.id
  cidr_block        = each.value
  availability_zone = "us-west-2${each.key}"
}

module "aws_logs" {
  source = "./modules/logs"

  s3_bucket_name = "truss-logs-combined-test"
  default_allow  = true
  force_destroy  = true

  alb_logs_prefixes = ["alb", "alb-internal"]
  cloudtrail_accounts = ["111122223333"]

  tags = {
    Owner = "platform"
  }
}

resource "aws_lb" "test_alb" {
  name               = "truss-logs-combined-test"
  internal           = false
  load_balancer_type = "application"
  subnets            = [for s in aws_subnet.public : s.id]

  access_logs {
    bucket  = module.aws_logs.aws_logs_bucket
    prefix  = "alb"
    enabled = true
  }
}

resource "aws_elb" "test_elb" {
  name    = "truss-logs-combined-test"
  subnets = [for s in aws_subnet.public : s.id]

  access_logs {
    bucket        = module.aws_logs.aws_logs_bucket
    bucket_prefix = "elb"
    enabled       = true
  }

  listener {
    instance_port     = 8000
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

output "configs_logs_path" {
  value = module.aws_logs.configs_logs_path
}

output "elb_logs_path" {
  value = module.aws_logs.elb_logs_path
}
