import { describe, expect, it } from 'vitest';
import { adminLanding, canAuthorProblems, canHostRooms, canManageUsers } from './roles.ts';

describe('roles', () => {
  it('lets hosts and admins host rooms', () => {
    expect([canHostRooms('admin'), canHostRooms('host'), canHostRooms('author'), canHostRooms('member')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(canHostRooms(undefined)).toBe(false);
  });

  it('lets authors and admins curate problems, and only admins manage users', () => {
    expect(canAuthorProblems('author')).toBe(true);
    expect(canAuthorProblems('host')).toBe(false);
    expect(canManageUsers('admin')).toBe(true);
    expect(canManageUsers('author')).toBe(false);
  });

  it('sends each role to the admin section it may see', () => {
    expect(adminLanding('admin')).toBe('/admin/users');
    expect(adminLanding('author')).toBe('/admin/problems');
    expect(adminLanding('host')).toBeNull();
    expect(adminLanding(undefined)).toBeNull();
  });
});
