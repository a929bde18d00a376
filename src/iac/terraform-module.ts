import type { IacResource } from './resource.ts';
import { TERRAFORM_API } from './terraform.ts';

/** The param kind (palisade.dev/v1alpha1) under which policies see a resource's whole module. */
export const TERRAFORM_MODULE_KIND = 'TerraformModule';

/**
 * Far below the 3 MiB a CEL input may hold; a module this large in one directory is not seen as
 * a whole (policies get `params == null` and must pass, as they do without a module).
 */
const MAX_MODULE_CHARS = 2 * 1024 * 1024;

export interface TerraformModules {
  /** The module param of a Terraform resource, if its module is small enough. */
  paramFor(resource: IacResource): unknown;
  /** Modules left out for their size, with the reason. */
  skipped: { source: string; message: string }[];
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

/**
 * Terraform reads every .tf file of a directory as one module, and settings that belong to one
 * resource often live in another (aws_s3_bucket_logging names its bucket). Each module is given
 * to policies with `paramKind: {apiVersion: palisade.dev/v1alpha1, kind: TerraformModule}` as
 * `params.resources`: every block of the directory as `{kind, name, path, object}`.
 */
export function terraformModules(resources: readonly IacResource[]): TerraformModules {
  const byDirectory = new Map<string, IacResource[]>();
  for (const r of resources) {
    if (r.api?.group !== TERRAFORM_API.group) continue;
    const dir = directoryOf(r.source.path);
    const members = byDirectory.get(dir);
    if (members) members.push(r);
    else byDirectory.set(dir, [r]);
  }
  const params = new Map<string, unknown>();
  const skipped: TerraformModules['skipped'] = [];
  for (const [dir, members] of byDirectory) {
    const param = {
      apiVersion: 'palisade.dev/v1alpha1',
      kind: TERRAFORM_MODULE_KIND,
      metadata: { name: dir },
      resources: members.map((r) => ({ kind: r.kind, name: r.name, path: r.source.path, object: r.object })),
    };
    if (JSON.stringify(param).length > MAX_MODULE_CHARS) {
      skipped.push({
        source: dir,
        message: `${dir}: Terraform module over ${MAX_MODULE_CHARS / 1048576} MB; policies that look across its resources judged each resource alone`,
      });
      continue;
    }
    params.set(dir, param);
  }
  return {
    paramFor: (resource) =>
      resource.api?.group === TERRAFORM_API.group ? params.get(directoryOf(resource.source.path)) : undefined,
    skipped,
  };
}
