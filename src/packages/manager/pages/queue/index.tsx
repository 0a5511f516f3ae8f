import Screen from '../../../../components/Screen'
export default function Placeholder() {
  return <Screen>PLACEHOLDER manager/pages/queue</Screen>
}
