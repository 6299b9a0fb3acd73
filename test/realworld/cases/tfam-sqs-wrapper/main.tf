terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  tags = {
    Team    = "payments"
    Service = "checkout"
  }
}

module "queues" {
  source = "./modules/sqs/wrappers"

  defaults = {
    sqs_managed_sse_enabled   = true
    receive_wait_time_seconds = 20
    tags                      = local.tags
  }

  items = {
    orders = {
      name                       = "checkout-orders"
      visibility_timeout_seconds = 120
      create_dlq                 = true
      redrive_policy = {
        maxReceiveCount = 10
      }
      dlq_tags = {
        Dlq = "true"
      }
    }
    events = {
      name                        = "checkout-events.fifo"
      fifo_queue                  = true
      content_based_deduplication = true
      receive_wait_time_seconds   = 5

      create_queue_policy = true
      queue_policy_statements = {
        sns = {
          sid     = "SNSPublish"
          actions = ["sqs:SendMessage"]
          principals = [{
            type        = "Service"
            identifiers = ["sns.amazonaws.com"]
          }]
          conditions = [{
            test     = "ArnEquals"
            variable = "aws:SourceArn"
            values   = ["arn:aws:sns:eu-west-1:123456789012:checkout-events.fifo"]
          }]
        }
      }
    }
  }
}

output "orders_queue_arn" {
  value = module.queues.wrapper["orders"].queue_arn
}

output "orders_dlq_arn" {
  value = module.queues.wrapper["orders"].dead_letter_queue_arn
}

output "queue_urls" {
  value = { for k, q in module.queues.wrapper : k => q.queue_url }
}
