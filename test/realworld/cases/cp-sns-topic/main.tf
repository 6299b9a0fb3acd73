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
  role_arn = aws_iam_role.this.arn
}

module "sns" {
  source = "./modules/sns-topic"

  namespace = "eg"
  stage     = "test"
  name      = "sns"

  allowed_aws_services_for_sns_published = ["cloudwatch.amazonaws.com"]

  sqs_dlq_enabled    = true
  fifo_topic         = true
  fifo_queue_enabled = true

  delivery_status = {
    application = {
      failure_role_arn    = local.role_arn
      success_role_arn    = local.role_arn
      success_sample_rate = 100
    }
    sqs = {
      failure_role_arn    = local.role_arn
      success_role_arn    = local.role_arn
      success_sample_rate = 100
    }
  }
}

resource "aws_sqs_queue" "sqs" {
  name       = "test-sqs"
  fifo_queue = false
}

module "sns_with_subscriber" {
  source = "./modules/sns-topic"

  namespace  = "eg"
  stage      = "test"
  name       = "sns"
  attributes = ["sqs", "subscriber"]

  allowed_aws_services_for_sns_published = ["cloudwatch.amazonaws.com"]

  subscribers = {
    "sqs" = {
      protocol             = "sqs"
      endpoint             = aws_sqs_queue.sqs.arn
      raw_message_delivery = true
    }
  }
}

resource "aws_iam_role" "this" {
  name = "eg-test-sns-delivery"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action    = "sts:AssumeRole"
        Effect    = "Allow"
        Sid       = "SnsAssume"
        Principal = { Service = "sns.amazonaws.com" }
      },
    ]
  })
}

output "sns_topic_arn" {
  value = module.sns.sns_topic_arn
}

output "dead_letter_queue_url" {
  value = module.sns.dead_letter_queue_url
}

output "subscriber_topic_name" {
  value = module.sns_with_subscriber.sns_topic_name
}
