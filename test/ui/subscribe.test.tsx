import Taro from '@tarojs/taro'
import { askToSubscribe } from '~src/lib/subscribe'
import * as user from '~src/services/user'

jest.mock('~src/services/user')
const mockedUser = jest.mocked(user)

describe('asking for subscribe messages', () => {
  let request: jest.SpyInstance
  beforeEach(() => {
    jest.resetAllMocks()
    request = jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tpl-progress': 'accept' } as never)
  })
  afterEach(() => {
    request.mockRestore()
    process.env.TARO_ENV = 'h5'
  })

  it('in WeChat asks for the configured templates and tells the backend what the person answered', async () => {
    process.env.TARO_ENV = 'weapp'
    request.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tpl-progress': 'accept', 'tpl-reminder': 'reject' } as never)
    await askToSubscribe(['orderProgress', 'reminder'])
    expect(request).toHaveBeenCalledWith({ tmplIds: ['tpl-progress', 'tpl-reminder'], entityIds: [] })
    expect(mockedUser.grantSubscribe).toHaveBeenCalledWith({
      templates: [
        { template: 'orderProgress', accepted: true },
        { template: 'reminder', accepted: false },
      ],
    })
  })

  it('does nothing outside WeChat', async () => {
    await askToSubscribe(['orderProgress'])
    expect(request).not.toHaveBeenCalled()
    expect(mockedUser.grantSubscribe).not.toHaveBeenCalled()
  })

  it('a refused or failed request records nothing and does not throw', async () => {
    process.env.TARO_ENV = 'weapp'
    request.mockRejectedValue(new Error('requestSubscribeMessage:fail can only be invoked by user TAP gesture'))
    await expect(askToSubscribe(['newTask'])).resolves.toBeUndefined()
    expect(mockedUser.grantSubscribe).not.toHaveBeenCalled()
  })
})
