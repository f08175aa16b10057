// Step 2 of the API onboarding: the NDA and the "API Firm" contract, each with a version. A
// business accepts a version only after fetching its text; the version accepted is recorded.
// The texts are the sandbox's own short stand-ins: the seed shows only their titles.
export const contractIds = ['nda', 'api-firm'] as const;
export type ContractId = (typeof contractIds)[number];

export interface Contract {
  id: ContractId;
  title: string;
  /** Changes whenever the text does: an acceptance names the version it read. */
  version: string;
  text: string;
}

export const contracts: Record<ContractId, Contract> = {
  nda: {
    id: 'nda',
    title: 'قرارداد محرمانگی (NDA)',
    version: '1403.1',
    text: [
      'ماده ۱ - موضوع: حفظ محرمانگی اطلاعاتی که آیس (اعتبار یکپارچه سپهر) در اجرای سرویس‌های گزارش اعتباری در اختیار کسب‌وکار قرار می‌دهد.',
      'ماده ۲ - تعهدات: کسب‌وکار اطلاعات اعتباری اشخاص را تنها با رضایت آنان و فقط برای هدف اعلام‌شده به کار می‌برد و آن را به شخص ثالث نمی‌دهد.',
      'ماده ۳ - مدت: این تعهد از تاریخ پذیرش تا پنج سال پس از پایان همکاری برقرار است.',
      'ماده ۴ - نقض: در صورت نقض تعهدات، آیس می‌تواند دسترسی کسب‌وکار را بی‌درنگ قطع کند.',
    ].join('\n'),
  },
  'api-firm': {
    id: 'api-firm',
    title: 'قرارداد Api Firm',
    version: '1403.1',
    text: [
      'ماده ۱ - موضوع: ارائه سرویس‌های گزارش اعتباری آیس به صورت وب سرویس (API) به کسب‌وکار.',
      'ماده ۲ - هزینه: هزینه ماهانه وب سرویس طبق پیش فاکتور، پیش از انتقال به محیط لایو پرداخت می‌شود.',
      'ماده ۳ - دسترسی: فراخوانی وب سرویس تنها از نشانی‌های IP ثبت‌شده و با شناسه و رمز کلاینت کسب‌وکار ممکن است.',
      'ماده ۴ - اطلاع‌رسانی: تغییر وضعیت گزارش‌ها به نشانی webhook ثبت‌شده کسب‌وکار اعلام می‌شود.',
    ].join('\n'),
  },
};
