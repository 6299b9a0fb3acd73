terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.96"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

locals {
  name        = "ex-complete-http"
  domain_name = "api.example.com"

  lambda_arn = "arn:aws:lambda:eu-west-1:123456789012:function:ex-complete-http"

  tags = {
    Example    = local.name
    GithubRepo = "terraform-aws-apigateway-v2"
    GithubOrg  = "terraform-aws-modules"
  }
}

module "api_gateway" {
  source = "./modules/apigateway-v2"

  # API
  body = templatefile("api.yaml", {
    example_function_arn = local.lambda_arn
  })

  cors_configuration = {
    allow_headers = ["content-type", "x-amz-date", "authorization", "x-api-key", "x-amz-security-token", "x-amz-user-agent"]
    allow_methods = ["*"]
    allow_origins = ["*"]
  }

  description      = "My awesome HTTP API Gateway"
  fail_on_warnings = false
  name             = local.name

  # Authorizer(s)
  authorizers = {
    cognito = {
      authorizer_type  = "JWT"
      identity_sources = ["$request.header.Authorization"]
      name             = "cognito"
      jwt_configuration = {
        audience = ["d6a38afd-45d6-4874-d1aa-3c5c558aqcc2"]
        issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI"
      }
    }
  }

  # Domain Name
  domain_name                 = local.domain_name
  create_domain_records       = false
  create_certificate          = false
  domain_name_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"

  mutual_tls_authentication = {
    truststore_uri     = "s3://ex-complete-http-truststore/truststore.pem"
    truststore_version = "3sL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY"
  }

  # Routes & Integration(s)
  routes = {
    "ANY /" = {
      detailed_metrics_enabled = false

      integration = {
        uri                    = local.lambda_arn
        payload_format_version = "2.0"
        timeout_milliseconds   = 12000
      }
    }

    "GET /some-route" = {
      authorization_type       = "JWT"
      authorizer_id            = aws_apigatewayv2_authorizer.external.id
      throttling_rate_limit    = 80
      throttling_burst_limit   = 40
      detailed_metrics_enabled = true

      integration = {
        uri                    = local.lambda_arn
        payload_format_version = "2.0"
      }
    }

    "GET /some-route-with-authorizer" = {
      authorization_type = "JWT"
      authorizer_key     = "cognito"

      integration = {
        uri                    = local.lambda_arn
        payload_format_version = "2.0"
      }
    }

    "GET /some-route-with-authorizer-and-scope" = {
      authorization_type   = "JWT"
      authorizer_key       = "cognito"
      authorization_scopes = ["user.id", "user.email"]

      integration = {
        uri                    = local.lambda_arn
        payload_format_version = "2.0"
      }
    }

    "GET /some-route-with-iam" = {
      authorization_type = "AWS_IAM"

      integration = {
        uri = local.lambda_arn
      }
    }

    "POST /start-step-function" = {
      integration = {
        type            = "AWS_PROXY"
        subtype         = "StepFunctions-StartExecution"
        credentials_arn = "arn:aws:iam::123456789012:role/ex-complete-http-sfn"

        # Note: jsonencode is used to pass argument as a string
        request_parameters = {
          StateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:ex-complete-http"
          Input = jsonencode({
            "key1" : "value1",
            "key2" : "value2"
          })
        }

        payload_format_version = "1.0"
        timeout_milliseconds   = 12000
      }
    }

    "$default" = {
      integration = {
        uri = local.lambda_arn
        tls_config = {
          server_name_to_verify = local.domain_name
        }

        response_parameters = [
          {
            status_code = 500
            mappings = {
              "append:header.header1" = "$context.requestId"
              "overwrite:statuscode"  = "403"
            }
          },
          {
            status_code = 404
            mappings = {
              "append:header.error" = "$stageVariables.environmentId"
            }
          }
        ]
      }
    }
  }

  # Stage
  stage_access_log_settings = {
    create_log_group            = true
    log_group_retention_in_days = 7
    format = jsonencode({
      context = {
        domainName              = "$context.domainName"
        integrationErrorMessage = "$context.integrationErrorMessage"
        protocol                = "$context.protocol"
        requestId               = "$context.requestId"
        requestTime             = "$context.requestTime"
        routeKey                = "$context.routeKey"
        stage                   = "$context.stage"
        status                  = "$context.status"
        error = {
          message      = "$context.error.message"
          responseType = "$context.error.responseType"
        }
      }
    })
  }

  stage_default_route_settings = {
    detailed_metrics_enabled = true
    throttling_burst_limit   = 100
    throttling_rate_limit    = 100
  }

  tags = local.tags
}

resource "aws_apigatewayv2_authorizer" "external" {
  api_id           = module.api_gateway.api_id
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  name             = local.name

  jwt_configuration {
    audience = ["example"]
    issuer   = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI"
  }
}

output "api_endpoint" {
  value = module.api_gateway.api_endpoint
}

output "routes" {
  value = module.api_gateway.routes
}
