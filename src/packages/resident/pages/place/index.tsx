import Screen from '../../../../components/Screen'
export default function Placeholder() {
  return <Screen>PLACEHOLDER resident/pages/place</Screen>
}
