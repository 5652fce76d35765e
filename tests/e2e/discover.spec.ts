import { expect, signUp, test, unlock } from './helpers';

const FINN = { name: 'Finn', password: 'amber trains at midnight' };

test('Discover shows bandit picks, learns from a like and remembers it after a reload', async ({ page }) => {
  await signUp(page, FINN);
  await page.goto('./#/discover');
  await expect(page.getByRole('heading', { name: 'Discover', level: 1 })).toBeVisible();
  const picks = page.getByRole('list', { name: 'Discover picks' }).getByRole('article');
  await expect(picks).toHaveCount(12);
  await expect(page.getByTestId('bandit-updates')).toHaveText('Learned from 0 reactions so far.');
  await expect(page.getByText('optimistic exploration (LinUCB, α = 0.3)')).toBeVisible();
  // Every pick says why: the interaction that drove it, "Something different…", or a general note.
  await expect(picks.first().locator('.reason')).toHaveText(/^(You like |Something different|Picked by Discover|\S.* suits you )/);

  const first = picks.first();
  const title = (await first.getAttribute('aria-label'))!;
  await first.getByRole('button', { name: `Like ${title}`, exact: true }).click();
  await expect(page.getByTestId('bandit-updates')).toHaveText('Learned from 1 reaction so far.');

  await page.reload();
  await unlock(page, FINN);
  await expect(picks).toHaveCount(12);
  // The liked movie is not offered again; the slate left untouched before the reload counted as ignored (11 more).
  await expect(page.getByTestId('bandit-updates')).toHaveText('Learned from 12 reactions so far.');
  await expect(page.getByRole('list', { name: 'Discover picks' }).getByRole('article', { name: title, exact: true })).toHaveCount(0);
});
