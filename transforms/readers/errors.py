"""Typed quarantine reasons (reading, limits, loading), each with a reason a person can act on, in Chinese and
English."""

from __future__ import annotations


class QuarantineError(Exception):
    """A file that cannot be read; it is quarantined with this reason and the batch goes on."""

    code = "unreadable"
    zh = "文件无法读取"
    en = "the file cannot be read"
    action_zh = "请联系报送单位重新提交。"
    action_en = "Ask the submitting unit to send the file again."

    def __init__(self, file: str, detail: str = "") -> None:
        self.file = file
        self.detail = detail
        super().__init__(f"{file}: {self.reason_en}")

    def __reduce__(self) -> tuple[type[QuarantineError], tuple[str, str]]:
        # a worker process sends its outcome back pickled: rebuild from file and detail, not from the message
        return type(self), (self.file, self.detail)

    @property
    def reason_zh(self) -> str:
        extra = f"（{self.detail}）" if self.detail else ""
        return f"{self.zh}{extra}。{self.action_zh}"

    @property
    def reason_en(self) -> str:
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.en}{extra}. {self.action_en}"


class EmptyFile(QuarantineError):
    code = "empty_file"
    zh = "文件为空"
    en = "the file is empty"


class OversizedFile(QuarantineError):
    code = "oversized_file"
    zh = "文件超过大小上限"
    en = "the file exceeds the size limit"
    action_zh = "请拆分或压缩后重新提交，或由运维调高 JIXIAO_MAX_FILE_MB。"
    action_en = "Split or compress it and resubmit, or raise JIXIAO_MAX_FILE_MB."


class UnknownType(QuarantineError):
    code = "unknown_type"
    zh = "无法识别的文件类型"
    en = "unknown file type"
    action_zh = "请以 PDF、DOCX、XLSX 或 TXT 格式提交。"
    action_en = "Submit it as PDF, DOCX, XLSX or TXT."


class UndecodableText(QuarantineError):
    code = "undecodable_text"
    zh = "文本编码无法识别（非 UTF-8 / GB18030）"
    en = "the text encoding is neither UTF-8 nor GB18030"
    action_zh = "请另存为 UTF-8 编码后重新提交。"
    action_en = "Save it as UTF-8 and resubmit."


class CorruptPdf(QuarantineError):
    code = "corrupt_pdf"
    zh = "PDF 文件损坏或不完整"
    en = "the PDF is corrupt or truncated"


class EncryptedPdf(QuarantineError):
    code = "encrypted_pdf"
    zh = "PDF 已加密"
    en = "the PDF is encrypted"
    action_zh = "请提交未加密的 PDF。"
    action_en = "Submit the PDF without a password."


class ImageOnlyPdf(QuarantineError):
    code = "image_only_pdf"
    zh = "PDF 没有文字层（扫描件，需要 OCR）"
    en = "the PDF has no text layer (a scan; needs OCR)"
    action_zh = "请提交由 Word 导出的 PDF 或 DOCX 原件。"
    action_en = "Submit the PDF exported from Word, or the DOCX itself."


class CorruptOffice(QuarantineError):
    code = "corrupt_office"
    zh = "DOCX/XLSX 文件不是有效的压缩包或已损坏"
    en = "the DOCX/XLSX is not a valid zip archive or is damaged"


class LegacyOffice(QuarantineError):
    code = "legacy_office"
    zh = "旧版 Office 格式（.doc/.xls）或加密的 Office 文件"
    en = "a legacy Office file (.doc/.xls) or a password-protected Office file"
    action_zh = "请另存为 DOCX/XLSX（不设密码）后重新提交。"
    action_en = "Save it as DOCX/XLSX without a password and resubmit."


class ZipBomb(QuarantineError):
    code = "zip_bomb"
    zh = "DOCX/XLSX 解压后超过大小上限"
    en = "the DOCX/XLSX expands beyond the size limit"


class NoReportContent(QuarantineError):
    code = "no_report_content"
    zh = "文件中没有可读的文字"
    en = "the file holds no text to read"
    action_zh = "请核对是否误传了其他文件，或请报送单位提供带文字的版本。"
    action_en = "Check that the right file was submitted, or ask for a version with text."


class NotARegularFile(QuarantineError):
    code = "not_a_file"
    zh = "不是普通文件（管道、设备或目录链接），未读取"
    en = "not a regular file (a pipe, device or folder link); not read"
    action_zh = "请将报告作为普通文件放入收件箱。"
    action_en = "Put the report in the inbox as an ordinary file."


class OutsideInbox(QuarantineError):
    code = "outside_inbox"
    zh = "链接指向收件箱以外的文件，未读取"
    en = "a link pointing outside the inbox; not read"
    action_zh = "请将报告本身（而非链接）放入收件箱。"
    action_en = "Put the report itself, not a link to it, in the inbox."


class OverLimit(QuarantineError):
    code = "over_limit"
    zh = "读取该文件超出了处理限额，未入库"
    en = "reading the file went past a processing limit; it was not loaded"
    action_zh = "请核对文件是否异常（如超大页面、压缩炸弹），或请报送单位重新导出后提交。"
    action_en = "Check the file for anything abnormal (huge pages, a compression bomb), or ask for a fresh export."


class LoadFailed(QuarantineError):
    code = "load_failed"
    zh = "提取的内容无法写入数据仓库，已整体回滚"
    en = "what was extracted could not be written to the warehouse; the report was rolled back"
    action_zh = "运维人员请查看原因后重新运行；其余报告不受影响。"
    action_en = "Operators: see the reason and run again; the other reports were not affected."
