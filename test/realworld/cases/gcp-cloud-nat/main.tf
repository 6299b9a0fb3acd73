terraform {
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 4.51, < 8"
    }
  }
}

provider "google" {
  project = "example-project-1234"
}

resource "google_compute_address" "nat" {
  count  = 2
  name   = "nat-address-${count.index}"
  region = "us-east4"
}

module "cloud_nat" {
  source = "./modules/cloud-nat"

  project_id                         = "example-project-1234"
  region                             = "us-east4"
  create_router                      = true
  router                             = "nat-router"
  router_asn                         = "64514"
  network                            = "custom-network1"
  name                               = "my-cloud-nat-nat-router"
  nat_ips                            = google_compute_address.nat[*].self_link
  min_ports_per_vm                   = "128"
  icmp_idle_timeout_sec              = "15"
  tcp_established_idle_timeout_sec   = "600"
  tcp_transitory_idle_timeout_sec    = "15"
  tcp_time_wait_timeout_sec          = "240"
  udp_idle_timeout_sec               = "15"
  source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"
  log_config_enable                  = true
  log_config_filter                  = "ERRORS_ONLY"

  subnetworks = [
    {
      name                     = "subnet-us-east-192"
      source_ip_ranges_to_nat  = ["PRIMARY_IP_RANGE", "LIST_OF_SECONDARY_IP_RANGES"]
      secondary_ip_range_names = ["pods", "services"]
    },
    {
      name                     = "subnet-us-east-10"
      source_ip_ranges_to_nat  = ["ALL_IP_RANGES"]
      secondary_ip_range_names = []
    },
  ]

  rules = [
    {
      description = "route to the first address"
      match       = "inIpRange(destination.ip, '1.1.0.0/16')"
      rule_number = 100
      action = {
        source_nat_active_ips = [google_compute_address.nat[0].self_link]
        source_nat_drain_ips  = []
      }
    },
  ]
}

output "router_name" {
  value = module.cloud_nat.router_name
}

output "name" {
  value = module.cloud_nat.name
}
