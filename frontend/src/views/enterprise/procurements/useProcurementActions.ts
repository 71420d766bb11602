// The owner's actions on a procurement that the list and the detail page share: publishing
// (confirmed with the deadline the work calendar gives), cancelling with a reason, and publishing
// a failed or cancelled one again as a new draft.
import { ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { cancelProcurement, publishProcurement, republishProcurement, workingDayDeadline } from '@/api/marketplace'
import type { Procurement } from '@/api/marketplaceTypes'
import { serverNow } from '@/composables/serverClock'
import { errorMessage } from '@/i18n/errors'
import { formatBeijing } from '@/utils/beijingTime'

const confirmed = (box: Promise<unknown>) =>
  box.then(
    () => true,
    () => false,
  )

export function useProcurementActions(onChanged: (procurement: Procurement) => void) {
  const { t, locale } = useI18n()
  const router = useRouter()

  async function publish(p: Procurement): Promise<void> {
    const days = p.bidding_working_days
    let deadline = ''
    try {
      // Publishing starts the count at the server's now, which may not be the browser's.
      deadline = formatBeijing((await workingDayDeadline(serverNow().toISOString(), days)).deadline, locale.value)
    } catch {
      // A year missing from the calendar: the server refuses then too; say it without the date.
    }
    const message = deadline
      ? t('procurementOwner.publish.confirm', { title: p.title, days, deadline })
      : t('procurementOwner.publish.confirmNoDate', { title: p.title, days })
    const ok = await confirmed(
      ElMessageBox.confirm(message, t('procurementOwner.publish.title'), {
        type: 'info',
        confirmButtonText: t('procurementOwner.actions.publish'),
        cancelButtonText: t('common.cancel'),
      }),
    )
    if (!ok) return
    try {
      const published = await publishProcurement(p.id)
      ElMessage.success(t('procurementOwner.publish.done', { deadline: formatBeijing(published.bid_deadline, locale.value) }))
      onChanged(published)
    } catch (error) {
      ElMessage.error(errorMessage(error))
    }
  }

  const cancelOpen = ref(false)
  const cancelling = ref<Procurement | null>(null)

  function askCancel(p: Procurement): void {
    cancelling.value = p
    cancelOpen.value = true
  }

  /** The reason dialog's action: errors stay in the dialog. */
  async function cancelAction(reason: string): Promise<void> {
    const p = cancelling.value
    if (!p) return
    const cancelled = await cancelProcurement(p.id, reason)
    ElMessage.success(t('procurementOwner.cancel.done', { title: p.title }))
    onChanged(cancelled)
  }

  async function republish(p: Procurement): Promise<void> {
    const ok = await confirmed(
      ElMessageBox.confirm(t('procurementOwner.republish.confirm', { title: p.title }), t('procurementOwner.actions.republish'), {
        type: 'info',
        confirmButtonText: t('procurementOwner.actions.republish'),
        cancelButtonText: t('common.cancel'),
      }),
    )
    if (!ok) return
    try {
      const draft = await republishProcurement(p.id)
      ElMessage.success(t('procurementOwner.republish.done'))
      await router.push({ name: 'procurement-detail', params: { id: draft.id } })
    } catch (error) {
      ElMessage.error(errorMessage(error))
    }
  }

  return { publish, askCancel, cancelOpen, cancelling, cancelAction, republish }
}
