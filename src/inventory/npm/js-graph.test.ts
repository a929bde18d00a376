import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ComponentCollector } from '../collector.ts';
import { DependencyGraph } from './js-graph.ts';

describe('DependencyGraph scopes', () => {
  function scopesOf(build: (graph: DependencyGraph) => void): string[] {
    const graph = new DependencyGraph();
    for (const name of ['app', 'lib', 'opt', 'tool', 'shared', 'deep', 'orphan', 'jsr']) {
      if (name === 'jsr') graph.addPassThrough(name);
      else graph.addNode(name, { name, version: '1.0.0', line: 1 });
    }
    build(graph);
    const collector = new ComponentCollector('npm', 'lock');
    graph.emit(collector);
    return collector.result().components.map((c) => `${c.name} ${c.scope}${c.direct ? ' direct' : ''}`);
  }

  it('keeps the strongest scope over all paths; a prod package’s optional dependency is optional', () => {
    const scopes = scopesOf((g) => {
      g.addRoot('app', 'prod');
      g.addRoot('tool', 'dev');
      g.addEdge('app', 'lib', false);
      g.addEdge('app', 'opt', true);
      g.addEdge('opt', 'deep', false);
      g.addEdge('tool', 'shared', false);
      g.addEdge('tool', 'deep', false);
      g.addEdge('lib', 'shared', false);
      // A cycle back to a root changes nothing.
      g.addEdge('shared', 'app', false);
    });
    assert.deepEqual(scopes, [
      'app prod direct',
      'deep optional',
      'lib prod',
      'opt optional',
      'orphan prod',
      'shared prod',
      'tool dev direct',
    ]);
  });

  it('carries scope through pass-through nodes without emitting them', () => {
    const scopes = scopesOf((g) => {
      g.addRoot('tool', 'dev');
      g.addEdge('tool', 'jsr', false);
      g.addEdge('jsr', 'deep', false);
      g.addRoot('app', 'prod');
    });
    assert.ok(scopes.includes('deep dev'));
    assert.ok(!scopes.some((s) => s.startsWith('jsr')));
  });
});
