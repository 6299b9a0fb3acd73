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

resource "aws_sqs_queue" "queue" {
  name = "eventbridge-queue"
}

resource "aws_sqs_queue" "dlq" {
  name = "eventbridge-dlq"
}

resource "aws_cloudwatch_log_group" "this" {
  name = "/aws/events/eventbridge-example"
}

module "eventbridge" {
  source = "./modules/eventbridge"

  create_bus = false

  attach_sqs_policy = true
  sqs_target_arns = [
    aws_sqs_queue.queue.arn,
    aws_sqs_queue.dlq.arn
  ]

  attach_cloudwatch_policy = true
  cloudwatch_target_arns   = [aws_cloudwatch_log_group.this.arn]

  append_rule_postfix = false

  rules = {
    orders = {
      description   = "Capture all order data"
      event_pattern = jsonencode({ "source" : ["myapp.orders"] })
      state         = "DISABLED"
    }
    crons = {
      description         = "Trigger every five minutes"
      schedule_expression = "rate(5 minutes)"
    }
  }

  targets = {
    orders = [
      {
        name = "send-orders-to-sqs"
        arn  = aws_sqs_queue.queue.arn
        input_transformer = {
          input_paths = {
            order_id = "$.detail.order_id"
          }
          input_template = <<EOF2
          {
            "id": <order_id>
          }
          EOF2
        }
      },
      {
        name            = "send-orders-to-sqs-with-retry-policy"
        arn             = aws_sqs_queue.queue.arn
        dead_letter_arn = aws_sqs_queue.dlq.arn
        retry_policy = {
          maximum_retry_attempts       = 10
          maximum_event_age_in_seconds = 300
        }
      },
      {
        name = "log-orders-to-cloudwatch"
        arn  = aws_cloudwatch_log_group.this.arn
      }
    ]
    crons = [
      {
        name  = "log-crons"
        arn   = aws_cloudwatch_log_group.this.arn
        input = jsonencode({ "job" : "cron-by-rate" })
      }
    ]
  }

  tags = {
    Example = "eventbridge"
  }
}
