terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.0, < 8"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 5.0, < 8"
    }
  }
}

provider "google" {
  project = "example-project-1234"
}

provider "google-beta" {
  project = "example-project-1234"
}

module "project_services" {
  source = "./modules/project-factory/modules/project_services"

  project_id = "example-project-1234"

  activate_apis = [
    "sqladmin.googleapis.com",
    "bigquery-json.googleapis.com",
  ]

  activate_api_identities = [
    {
      api   = "healthcare.googleapis.com"
      roles = ["roles/healthcare.serviceAgent", "roles/bigquery.jobUser"]
    },
    {
      api   = "compute.googleapis.com"
      roles = ["roles/compute.serviceAgent"]
    },
  ]

  disable_services_on_destroy = false
}

output "enabled_apis" {
  value = module.project_services.enabled_apis
}

output "enabled_api_identities" {
  value = module.project_services.enabled_api_identities
}
