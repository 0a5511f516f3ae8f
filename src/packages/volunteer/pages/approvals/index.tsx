import Screen from '../../../../components/Screen'
export default function Placeholder() {
  return <Screen>PLACEHOLDER volunteer/pages/approvals</Screen>
}
