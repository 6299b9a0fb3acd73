terraform {
  required_version = ">= 1.9, < 2.0"

  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

module "naming" {
  source = "./modules/naming"
}

resource "azurerm_resource_group" "this" {
  location = "westeurope"
  name     = module.naming.resource_group.name_unique
}

resource "azurerm_network_security_group" "https" {
  location            = azurerm_resource_group.this.location
  name                = module.naming.network_security_group.name_unique
  resource_group_name = azurerm_resource_group.this.name

  security_rule {
    access                     = "Allow"
    destination_address_prefix = "*"
    destination_port_range     = "443"
    direction                  = "Inbound"
    name                       = "AllowInboundHTTPS"
    priority                   = 100
    protocol                   = "Tcp"
    source_address_prefix      = "*"
    source_port_range          = "*"
  }
}

resource "azurerm_route_table" "this" {
  location            = azurerm_resource_group.this.location
  name                = module.naming.route_table.name_unique
  resource_group_name = azurerm_resource_group.this.name
}

module "vnet1" {
  source = "./modules/vnet"

  location         = azurerm_resource_group.this.location
  parent_id        = azurerm_resource_group.this.id
  address_space    = ["192.168.0.0/16"]
  enable_telemetry = false
  dns_servers = {
    dns_servers = ["8.8.8.8", "1.1.1.1"]
  }
  encryption = {
    enabled     = true
    enforcement = "AllowUnencrypted"
  }
  flow_timeout_in_minutes = 30
  name                    = module.naming.virtual_network.name_unique

  subnets = {
    subnet0 = {
      name                            = "${module.naming.subnet.name_unique}0"
      default_outbound_access_enabled = false
      address_prefixes                = ["192.168.0.0/24", "192.168.2.0/24"]
    }
    subnet1 = {
      name                            = "${module.naming.subnet.name_unique}1"
      address_prefixes                = ["192.168.1.0/24"]
      default_outbound_access_enabled = false
      delegations = [{
        name = "Microsoft.Web.serverFarms"
        service_delegation = {
          name = "Microsoft.Web/serverFarms"
        }
      }]
      network_security_group = {
        id = azurerm_network_security_group.https.id
      }
      route_table = {
        id = azurerm_route_table.this.id
      }
      service_endpoints = ["Microsoft.Storage", "Microsoft.KeyVault"]
    }
  }
}

module "vnet2" {
  source = "./modules/vnet"

  location         = azurerm_resource_group.this.location
  parent_id        = azurerm_resource_group.this.id
  address_space    = ["10.0.0.0/27"]
  enable_telemetry = false
  name             = "${module.naming.virtual_network.name_unique}2"

  peerings = {
    peertovnet1 = {
      name                                 = "${module.naming.virtual_network_peering.name_unique}-vnet2-to-vnet1"
      remote_virtual_network_resource_id   = module.vnet1.resource_id
      allow_forwarded_traffic              = true
      allow_gateway_transit                = true
      allow_virtual_network_access         = true
      create_reverse_peering               = true
      reverse_name                         = "${module.naming.virtual_network_peering.name_unique}-vnet1-to-vnet2"
      reverse_allow_virtual_network_access = true
    }
  }
}

output "vnet1_subnets" {
  value = module.vnet1.subnets
}

output "vnet2_peerings" {
  value = module.vnet2.peerings
}
