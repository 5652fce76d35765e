import { expect, signUp, test, unlock } from './helpers';

const GUS = { name: 'Gus', password: 'violet kites on a windy hill' };

test('settings show the ranking weights and let the user tune and reset Discover', async ({ page }) => {
  await signUp(page, GUS);
  await page.goto('./#/settings');
  await expect(page.getByRole('heading', { name: 'How your recommendations are ranked' })).toBeVisible();
  await expect(page.getByTestId('weight-semantic')).toHaveText('2.50');
  await expect(page.getByTestId('weight-genre')).toHaveText('1.50');

  await page.getByRole('radio', { name: /^Softmax/ }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved. Discover keeps what it learned')).toBeVisible();
  await page.reload();
  await unlock(page, GUS);
  await expect(page.getByRole('radio', { name: /^Softmax/ })).toBeChecked();
  await page.goto('./#/discover');
  // Choosing a strategy starts its knob at the recommended value (softmax: temperature 0.02).
  await expect(page.getByText(/softmax exploration, temperature 0\.02/)).toBeVisible();

  await page.goto('./#/settings');
  // Destructive resets ask first; cancelling changes nothing.
  await page.getByRole('button', { name: 'Reset what Discover learned' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Discover has forgotten what it learned')).toHaveCount(0);
  await page.getByRole('button', { name: 'Reset what Discover learned' }).click();
  await page.getByRole('button', { name: 'Forget what Discover learned' }).click();
  await expect(page.getByText('Discover has forgotten what it learned')).toBeVisible();
  await page.getByRole('button', { name: 'Reset learned weights' }).click();
  await page.getByRole('button', { name: 'Reset the weights' }).click();
  await expect(page.getByText('The ranking weights are back to their starting values.')).toBeVisible();
});
