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

module "sqs_with_dlq" {
  source = "./modules/sqs"

  name = "sqs-example-dlq"

  create_dlq = true
  redrive_policy = {
    maxReceiveCount = 10
  }

  sqs_managed_sse_enabled = true

  create_queue_policy = true
  queue_policy_statements = {
    sns = {
      sid     = "SNSPublish"
      actions = ["sqs:SendMessage"]

      principals = [
        {
          type        = "Service"
          identifiers = ["sns.amazonaws.com"]
        }
      ]

      conditions = [{
        test     = "ArnEquals"
        variable = "aws:SourceArn"
        values   = ["arn:aws:sns:eu-west-1:123456789012:example"]
      }]
    }
  }

  tags = {
    Example = "sqs"
  }
}

module "fifo_sqs" {
  source = "./modules/sqs"

  name       = "sqs-example-fifo"
  fifo_queue = true
}

output "queue_url" {
  value = module.sqs_with_dlq.queue_url
}

output "dlq_arn" {
  value = module.sqs_with_dlq.dead_letter_queue_arn
}
