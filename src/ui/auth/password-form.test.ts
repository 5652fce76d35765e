import { describe, expect, it } from 'vitest';
import { AuthError } from '../../core/auth/errors';
import { GENERIC_FAILURE } from '../../core/auth/messages';
import { PasswordForm } from './password-form.svelte';

const NOW = 1_000_000;

describe('PasswordForm', () => {
  it('passes the typed password, shows progress while running, then the success message, and clears the password', async () => {
    const form = new PasswordForm(() => NOW);
    form.password = 'tall ships at dawn';
    let seen = '';
    let busyDuring = '';
    const ok = await form.run('Checking…', async (pw) => {
      seen = pw;
      busyDuring = form.busy;
      return 'Done.';
    });
    expect(ok).toBe(true);
    expect(seen).toBe('tall ships at dawn');
    expect(busyDuring).toBe('Checking…');
    expect([form.busy, form.error, form.done, form.password]).toEqual(['', '', 'Done.', '']);
  });

  it('shows a wrong password as its message and clears the field', async () => {
    const form = new PasswordForm(() => NOW);
    form.password = 'nope';
    const ok = await form.run('Checking…', () => Promise.reject(new AuthError('ERR_WRONG_PASSWORD', 'Wrong password. 4 tries left before a 30-second pause.')));
    expect(ok).toBe(false);
    expect(form.error).toBe('Wrong password. 4 tries left before a 30-second pause.');
    expect(form.password).toBe('');
    expect(form.busy).toBe('');
  });

  it('words a lockout from its retry time and keeps other failures’ input for correction', async () => {
    const form = new PasswordForm(() => NOW);
    form.password = 'x';
    await form.run('…', () => Promise.reject(new AuthError('ERR_LOCKED', 'stale text', { details: { retryAt: NOW + 29_500 } })));
    expect(form.error).toBe('Too many attempts — try again in 30 seconds.');
    expect(form.password).toBe('');
    form.password = 'password';
    await form.run('…', () => Promise.reject(new AuthError('ERR_WEAK_PASSWORD', 'This password is one of the most common ones.')));
    expect(form.error).toBe('This password is one of the most common ones.');
    expect(form.password).toBe('password');
  });

  it('never shows a stack trace: an unexpected error becomes the generic message', async () => {
    const form = new PasswordForm(() => NOW);
    await form.run('…', () => Promise.reject(new TypeError('x is undefined at foo.ts:12')));
    expect(form.error).toBe(GENERIC_FAILURE);
  });

  it('runs one submission at a time and clears the previous outcome when the next starts', async () => {
    const form = new PasswordForm(() => NOW);
    let release!: () => void;
    let calls = 0;
    const first = form.run('First…', () => {
      calls++;
      return new Promise<string>((r) => (release = () => r('first done')));
    });
    expect(form.running).toBe(true);
    expect(await form.run('Second…', async () => void calls++)).toBe(false);
    expect(calls).toBe(1);
    release();
    expect(await first).toBe(true);
    expect(form.done).toBe('first done');
    await form.run('Third…', () => Promise.reject(new AuthError('ERR_WRONG_PASSWORD', 'Wrong password.')));
    expect([form.done, form.error]).toEqual(['', 'Wrong password.']);
  });

  it('onsubmit prevents the page load and runs the action; reset empties the form', async () => {
    const form = new PasswordForm(() => NOW);
    form.password = 'pw';
    let prevented = false;
    let got = '';
    form.onsubmit('…', async (pw) => void (got = pw))({ preventDefault: () => void (prevented = true) } as SubmitEvent);
    await expect.poll(() => got).toBe('pw');
    expect(prevented).toBe(true);
    form.password = 'a';
    form.error = 'b';
    form.done = 'c';
    form.reset();
    expect([form.password, form.error, form.done]).toEqual(['', '', '']);
  });
});
