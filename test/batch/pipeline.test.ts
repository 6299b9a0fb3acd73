import { describe, expect, it } from 'vitest';
import { Channel, Slots } from '../../src/batch/pipeline.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initFree, needsInit } from '../../src/batch/init.js';
import { loadModule } from '../../src/config/load.js';
import { buildModule } from '../../src/config/module.js';
import { parseHcl } from '../../src/hcl/cst.js';

describe('Channel', () => {
  it('hands items over in order, to takers that waited first, and undefined once closed and empty', async () => {
    const starved: number[] = [];
    const ch = new Channel<number>(() => starved.push(1));
    const first = ch.take();
    expect(ch.starved).toBe(true);
    ch.push(1);
    ch.push(2);
    ch.push(3);
    expect(await first).toBe(1);
    expect(await ch.take()).toBe(2);
    ch.close();
    expect(await ch.take()).toBe(3);
    expect(await ch.take()).toBeUndefined();
    expect(starved).toHaveLength(1);
  });
});

describe('Slots', () => {
  it('lets n holders in at once and the next one in when a slot is given back', async () => {
    const slots = new Slots(2);
    await slots.take();
    await slots.take();
    let third = false;
    const p = slots.take().then(() => (third = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(third).toBe(false);
    slots.give();
    await p;
    expect(third).toBe(true);
  });
});

describe('initFree: what terraform plans without init', () => {
  const root = async (text: string) => buildModule('/svc', [await parseHcl('/svc/main.tf', text)]);
  it('built-in terraform_data resources, variables, outputs, moved blocks and required_version need no init', async () => {
    expect(initFree(await root('terraform {\n  required_version = ">= 1.5"\n}\nvariable "a" {}\nresource "terraform_data" "x" {\n  input = var.a\n}\nmoved {\n  from = terraform_data.y\n  to   = terraform_data.x\n}\noutput "o" {\n  value = 1\n}\n'))).toBe(true);
  });
  it('module calls (even local), backends, providers, required_providers and non-builtin resources do', async () => {
    expect(initFree(await root('module "m" {\n  source = "./m"\n}\n'))).toBe(false);
    expect(initFree(await root('terraform {\n  backend "local" {}\n}\n'))).toBe(false);
    expect(initFree(await root('terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n'))).toBe(false);
    expect(initFree(await root('provider "aws" {}\n'))).toBe(false);
    expect(initFree(await root('resource "aws_s3_bucket" "b" {}\n'))).toBe(false);
    expect(initFree(await root('resource "terraform_data" "x" {\n  provider = foo\n}\n'))).toBe(false);
  });
  it('a never-initialised directory with a .tf.json file needs init whatever its .tf files say', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unmodule-initfree-'));
    try {
      writeFileSync(join(dir, 'main.tf'), 'resource "terraform_data" "x" {}\n');
      expect(await needsInit(dir, await loadModule(dir))).toBe(false);
      writeFileSync(join(dir, 'backend.tf.json'), JSON.stringify({ terraform: { backend: { s3: {} } } }));
      expect(await needsInit(dir, await loadModule(dir))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
