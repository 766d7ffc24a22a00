import { isEntraDirectory } from '../../bot/graph/entraDirectory';

describe('isEntraDirectory: one rule for schemas and provisioning events', () => {
  it.each([
    ['Azure Active Directory', true],
    ['Microsoft Entra ID', true],
    ['  microsoft entra id ', true],
    ['Workday', false],
    ['ServiceNow', false],
    ['Microsoft Entra ID Connect sync of Contoso', false],
    ['', false],
  ])('%j → %s', (name, expected) => {
    expect(isEntraDirectory(name)).toBe(expected);
  });
});
