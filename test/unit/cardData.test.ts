import { ACTION_CARD_INPUTS, CANCEL_VERB, CONFIRM_VERB, renderActionCard } from '../../cards/action';
import { CARD_DATA_VERSION, RUN_VERB } from '../../cards/render';
import { decodeClick } from '../../bot/teams/click';
import { inputValuesOf } from '../support/cards';

const ACTION_ID = 'a1b2c3d4e5f6';
const INPUTS = { scope: 'Watermark,ForceDeletes', acknowledge: 'false' };

describe('decodeClick: the card\'s own inputs arrive on every verb, as Teams merges them', () => {
  it.each([
    [CONFIRM_VERB, { v: CARD_DATA_VERSION, actionId: ACTION_ID, ...INPUTS }, { kind: 'confirmAction', actionId: ACTION_ID, inputs: INPUTS }],
    [CANCEL_VERB, { v: CARD_DATA_VERSION, actionId: ACTION_ID, ...INPUTS }, { kind: 'cancelAction', actionId: ACTION_ID }],
    [RUN_VERB, { v: CARD_DATA_VERSION, cmd: 'job 1234', ...INPUTS }, { kind: 'run', command: 'job 1234' }],
    [CANCEL_VERB, { v: CARD_DATA_VERSION, actionId: ACTION_ID }, { kind: 'cancelAction', actionId: ACTION_ID }],
  ])('%s with data %j decodes to %j', (verb, data, click) => {
    expect(decodeClick(verb, data)).toEqual({ ok: true, click });
  });

  it.each([
    [CANCEL_VERB, { v: CARD_DATA_VERSION, actionId: ACTION_ID, ...INPUTS, role: 'admin' }, 'the button carries unexpected fields (role)'],
    [RUN_VERB, { v: CARD_DATA_VERSION, cmd: 'help', actionId: ACTION_ID }, 'the button carries unexpected fields (actionId)'],
    [CANCEL_VERB, { v: CARD_DATA_VERSION, actionId: ACTION_ID, acknowledge: 'yes' }, 'the confirmation tick is not valid'],
    [RUN_VERB, { v: CARD_DATA_VERSION, cmd: 'help', scope: 7 }, 'the scope choice is not valid'],
    [CANCEL_VERB, { v: CARD_DATA_VERSION + 1, actionId: ACTION_ID }, 'the card comes from another version of SyncOps'],
    ['deleteTenant', { v: CARD_DATA_VERSION, actionId: ACTION_ID }, 'unknown button "deleteTenant"'],
  ])('%s with data %j is refused: %s', (verb, data, reason) => {
    expect(decodeClick(verb, data)).toEqual({ ok: false, reason });
  });

  it('knows exactly the inputs the action card has, so a new input cannot be refused on Cancel again', () => {
    const card = renderActionCard({
      title: 'Restart?', tone: 'warning', pendingActionId: ACTION_ID,
      scopePicker: { choices: [{ title: 'Watermark', value: 'Watermark' }], selected: ['Watermark'], acknowledgeLabel: 'I understand' },
    });
    expect(Object.keys(inputValuesOf(card)).sort()).toEqual([...ACTION_CARD_INPUTS].sort());
  });
});
