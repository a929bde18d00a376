import { Hono } from 'hono';
import { findingsForVex, listFindings } from '../../store/findings.ts';
import { listProjects } from '../../store/projects.ts';
import { getScan, listScanComponents, listScans, scanDocument } from '../../store/scans.ts';
import { readableProjects, requireRole } from '../auth.ts';
import type { AppEnv, ServerContext } from '../context.ts';
import { notFound } from '../http-error.ts';
import { openVexDocument } from '../openvex.ts';
import { parseWith } from '../parse/issues.ts';
import { findingsQuery, openVexQuery, pageQuery, projectName, scansQuery } from '../schemas.ts';
import { findingFilter, idParam, iso, projectNamed, query } from './common.ts';
import { findingsPageJson } from './findings.ts';

export function projectRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/projects', async (c) => {
    const projects = await listProjects(ctx.db, readableProjects(c.get('principal')));
    return c.json({
      projects: projects.map((p) => ({
        name: p.name,
        created_at: iso(p.created_at),
        last_scan_at: iso(p.last_scan_at),
        branches: p.branches,
        environments: p.environments,
        open_findings: p.open,
      })),
    });
  });

  app.get('/projects/:project', async (c) => {
    const name = projectParam(c.req.param('project'));
    requireRole(c.get('principal'), name, 'viewer');
    const [p] = await listProjects(ctx.db, [name]);
    if (!p) throw notFound(`project "${name}"`);
    return c.json({
      name: p.name,
      created_at: iso(p.created_at),
      last_scan_at: iso(p.last_scan_at),
      branches: p.branches,
      environments: p.environments,
      open_findings: p.open,
    });
  });

  app.get('/projects/:project/findings', async (c) => {
    const name = projectParam(c.req.param('project'));
    requireRole(c.get('principal'), name, 'viewer');
    const q = query(c, findingsQuery);
    const project = await projectNamed(ctx, name);
    const { total, items } = await listFindings(ctx.db, {
      projectIds: [project.id],
      ...findingFilter(q),
      now: ctx.now(),
    });
    return c.json(findingsPageJson(q, total, items));
  });

  app.get('/projects/:project/scans', async (c) => {
    const name = projectParam(c.req.param('project'));
    requireRole(c.get('principal'), name, 'viewer');
    const q = query(c, scansQuery);
    const project = await projectNamed(ctx, name);
    const scans = await listScans(ctx.db, {
      projectId: project.id,
      ...(q.branch !== undefined ? { branch: q.branch } : {}),
      ...(q.environment !== undefined ? { environment: q.environment } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    return c.json({ scans: scans.map(scanJson) });
  });

  app.get('/projects/:project/openvex', async (c) => {
    const name = projectParam(c.req.param('project'));
    requireRole(c.get('principal'), name, 'viewer');
    const q = query(c, openVexQuery);
    const project = await projectNamed(ctx, name);
    const findings = await findingsForVex(ctx.db, project.id, q.branch, ctx.now());
    const document = openVexDocument(name, q.branch, findings, q.author ?? 'palisade server');
    return c.json(document, 200, { 'Content-Type': 'application/openvex+json' });
  });

  app.get('/scans/:id', async (c) => {
    const scan = await getScan(ctx.db, idParam(c, 'id'));
    if (!scan) throw notFound('scan');
    requireRole(c.get('principal'), scan.project, 'viewer');
    return c.json(scanJson(scan));
  });

  app.get('/scans/:id/components', async (c) => {
    const id = idParam(c, 'id');
    const scan = await getScan(ctx.db, id);
    if (!scan) throw notFound('scan');
    requireRole(c.get('principal'), scan.project, 'viewer');
    const q = query(c, pageQuery);
    const components = await listScanComponents(ctx.db, id, q.limit, q.offset);
    return c.json({ total: scan.component_count, limit: q.limit, offset: q.offset, components });
  });

  app.get('/scans/:id/document', async (c) => {
    const id = idParam(c, 'id');
    const scan = await getScan(ctx.db, id);
    if (!scan) throw notFound('scan');
    requireRole(c.get('principal'), scan.project, 'viewer');
    const stored = await scanDocument(ctx.db, id);
    if (!stored) throw notFound('document of scan');
    const type =
      stored.format === 'cyclonedx'
        ? 'application/vnd.cyclonedx+json'
        : stored.format === 'spdx'
          ? 'application/spdx+json'
          : 'application/json';
    return c.body(new Uint8Array(stored.document), 200, { 'Content-Type': type });
  });

  return app;
}

function projectParam(raw: string | undefined): string {
  return parseWith(projectName, raw ?? '', 'project');
}

export function scanJson(scan: {
  id: number;
  project: string;
  branch: string;
  environment: string;
  commit: string | null;
  format: string;
  complete: boolean;
  matched: boolean;
  target: string | null;
  component_count: number;
  finding_count: number;
  created_at: Date;
}) {
  return {
    id: scan.id,
    project: scan.project,
    branch: scan.branch,
    environment: scan.environment,
    commit: scan.commit,
    format: scan.format,
    complete: scan.complete,
    matched: scan.matched,
    target: scan.target,
    components: scan.component_count,
    findings: scan.finding_count,
    created_at: iso(scan.created_at),
  };
}
