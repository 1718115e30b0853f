import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { useTestApp } from '../test/test-app';
import { ACCESS_KEY, AccessRule, describeAccess } from './auth/access.decorators';

/**
 * Who may reach each route. A diff in this snapshot changes who can reach an endpoint: review it
 * as such. A route without a decision is refused by the guard and fails this test.
 */
describe('route access table', () => {
  // With the development mailbox, which exists on demo and development instances only.
  const t = useTestApp({ DEV_MAILBOX: 'true' });

  it('gives every route an explicit access rule', () => {
    const controllers = [...t.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
    const reflector = t.app.get(Reflector);
    const scanner = new MetadataScanner();
    const table: string[] = [];
    for (const wrapper of controllers) {
      const instance = wrapper.instance as object;
      const prototype = Object.getPrototypeOf(instance);
      const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [handler, wrapper.metatype as object]);
        const route = `/api/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        table.push(`${method.padEnd(6)} ${route.padEnd(32)} ${describeAccess(rule)}`);
      }
    }
    table.sort();
    expect(table.filter((line) => line.includes('NONE'))).toEqual([]);
    expect(table).toMatchSnapshot();
  });
});
