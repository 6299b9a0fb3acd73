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

locals {
  environment                 = "test"
  hello_world_container_ports = [8080, 8081]
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "public" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, 104 + count.index)
  availability_zone = element(["us-west-2a", "us-west-2b"], count.index)
}

resource "aws_kms_key" "main" {
  description         = "Key for ECS log encryption"
  enable_key_rotation = true
}

resource "aws_ecs_cluster" "main" {
  name = "ecs-service-test"
}

resource "aws_security_group" "lb_sg" {
  name   = "ecs-service-test-lb"
  vpc_id = aws_vpc.main.id
}

resource "aws_lb_target_group" "http" {
  count       = 2
  name        = "ecs-service-test-${count.index}"
  port        = element(local.hello_world_container_ports, count.index)
  protocol    = "HTTP"
  vpc_id      = aws_vpc.main.id
  target_type = "ip"
}

module "ecs_service" {
  source = "./modules/ecs-service"

  name        = "ecs-service-test"
  environment = local.environment

  associate_alb      = true
  associate_nlb      = false
  alb_security_group = aws_security_group.lb_sg.id

  hello_world_container_ports = local.hello_world_container_ports

  lb_target_groups = [
    {
      lb_target_group_arn         = aws_lb_target_group.http[0].arn
      container_port              = element(local.hello_world_container_ports, 0)
      container_health_check_port = element(local.hello_world_container_ports, 0)
    },
    {
      lb_target_group_arn         = aws_lb_target_group.http[1].arn
      container_port              = element(local.hello_world_container_ports, 0)
      container_health_check_port = element(local.hello_world_container_ports, 1)
    }
  ]

  ecs_cluster      = aws_ecs_cluster.main
  ecs_subnet_ids   = aws_subnet.public[*].id
  ecs_vpc_id       = aws_vpc.main.id
  ecs_use_fargate  = true
  assign_public_ip = true

  container_volumes = [
    {
      name = "scratch"
    }
  ]

  kms_key_id = aws_kms_key.main.arn
}

output "ecs_security_group_id" {
  value = module.ecs_service.ecs_security_group_id
}

output "task_definition_family" {
  value = module.ecs_service.task_definition_family
}
