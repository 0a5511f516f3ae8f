import { schemas } from '~types/schemas'
import { maxLengthOf } from '~src/lib/schemaLimits'

/** Form fields take their maxlength from the action's schema, so the app and the server agree on every limit. */
describe('maxLengthOf', () => {
  it('reads a text field’s limit through optional, default and trim', () => {
    expect(maxLengthOf(schemas.order.place, 'need')).toBe(500)
    expect(maxLengthOf(schemas.order.place, 'address')).toBe(100)
    expect(maxLengthOf(schemas.order.cancel, 'reason')).toBe(200)
    expect(maxLengthOf(schemas.order.rate, 'comment')).toBe(200)
    expect(maxLengthOf(schemas.catalog.upsertMenuItem, 'description')).toBe(300)
    expect(maxLengthOf(schemas.user.updateProfile, 'name')).toBe(20)
  })

  it('reads the text inside a union (代办对象: a name, or an object with one)', () => {
    expect(maxLengthOf(schemas.order.place, 'onBehalfOf')).toBe(20)
  })

  it('gives a whole number as many characters as its largest value has digits', () => {
    expect(maxLengthOf(schemas.order.place, 'beneficiaryCount')).toBe(5)
    expect(maxLengthOf(schemas.catalog.upsertMenuItem, 'points')).toBe(3)
  })

  it('refuses a field whose schema sets no length (a phone number is a pattern)', () => {
    expect(() => maxLengthOf(schemas.order.place, 'phone')).toThrow('phone')
  })
})
