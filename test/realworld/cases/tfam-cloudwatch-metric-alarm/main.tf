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
  metric_transformation_name      = "ErrorCount"
  metric_transformation_namespace = "MyAppNamespace"
}

resource "aws_sns_topic" "alarms" {
  name = "cloudwatch-alarms"
}

module "log_group" {
  source = "./modules/cloudwatch/modules/log-group"

  name_prefix = "my-app-"
}

module "log_metric_filter" {
  source = "./modules/cloudwatch/modules/log-metric-filter"

  log_group_name = module.log_group.cloudwatch_log_group_name

  name    = "metric-my-app"
  pattern = "ERROR"

  metric_transformation_namespace = local.metric_transformation_namespace
  metric_transformation_name      = local.metric_transformation_name
}

module "alarm" {
  source = "./modules/cloudwatch/modules/metric-alarm"

  alarm_name          = "log-errors-my-app"
  alarm_description   = "Log errors are too high"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  evaluation_periods  = 1
  threshold           = 10
  period              = 60
  unit                = "Count"

  namespace   = local.metric_transformation_namespace
  metric_name = local.metric_transformation_name
  statistic   = "Sum"

  alarm_actions = [aws_sns_topic.alarms.arn]
}
