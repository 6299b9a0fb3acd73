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

module "redis" {
  source = "./modules/elasticache-redis"

  namespace = "eg"
  stage     = "test"
  name      = "redis-test"

  availability_zones               = ["us-east-2a", "us-east-2b"]
  zone_id                          = ["Z3SO0TKDDQ0RGG"]
  vpc_id                           = "vpc-0a1b2c3d4e5f60718"
  allowed_security_groups          = ["sg-0a1b2c3d4e5f60718"]
  subnets                          = ["subnet-0a1b2c3d4e5f60718", "subnet-0a1b2c3d4e5f60719"]
  cluster_size                     = 1
  instance_type                    = "cache.m6g.large"
  apply_immediately                = true
  automatic_failover_enabled       = false
  engine_version                   = "7.0"
  family                           = "redis7"
  at_rest_encryption_enabled       = false
  transit_encryption_enabled       = true
  cloudwatch_metric_alarms_enabled = false

  security_group_create_before_destroy = true
  security_group_name                  = []

  parameter = [
    {
      name  = "notify-keyspace-events"
      value = "lK"
    }
  ]

  security_group_delete_timeout = "5m"

  log_delivery_configuration = [
    {
      destination      = "eg-test-redis-test"
      destination_type = "cloudwatch-logs"
      log_format       = "json"
      log_type         = "engine-log"
    }
  ]
}

output "endpoint" {
  value = module.redis.endpoint
}

output "host" {
  value = module.redis.host
}

output "security_group_id" {
  value = module.redis.security_group_id
}
