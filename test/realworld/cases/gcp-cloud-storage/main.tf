terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.37.0, < 8"
    }
  }
}

provider "google" {
  project = "example-project-1234"
}

module "cloud_storage" {
  source = "./modules/cloud-storage"

  project_id = "example-project-1234"

  prefix           = "multiple-buckets-ab12"
  names            = ["one", "two"]
  randomize_suffix = true

  bucket_policy_only = {
    "one" = true
    "two" = false
  }

  folders = {
    "two" = ["dev", "prod"]
  }

  lifecycle_rules = [
    {
      action = {
        type          = "SetStorageClass"
        storage_class = "NEARLINE"
      }
      condition = {
        age                   = "10"
        matches_storage_class = "MULTI_REGIONAL,STANDARD,DURABLE_REDUCED_AVAILABILITY"
      }
    }
  ]

  bucket_lifecycle_rules = {
    "one" = [
      {
        action = {
          type = "Delete"
        }
        condition = {
          age = "90"
        }
      }
    ]
  }

  retention_policy = {
    "two" = {
      is_locked        = false
      retention_period = 1
    }
  }

  default_event_based_hold = {
    "one" = true
  }

  ip_filter = {
    "one" = {
      mode = "Enabled"
      public_network_source = {
        allowed_ip_cidr_ranges = ["0.0.0.0/0", "::/0"]
      }
      allow_all_service_agent_access = true
    }
  }
}

output "names_list" {
  value = module.cloud_storage.names_list
}

output "bucket_urls" {
  value = module.cloud_storage.urls
}
